package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real binary in a child JVM, driven by signals as an operator would: SIGHUP with a good, a broken, then a
 * good configuration (the reload metrics and the active configuration follow, only the good files take effect),
 * SIGTERM for a clean stop, and a broken configuration at start.
 */
class ServerProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    @TempDir
    Path dir;
    private Process process;
    private Path log;
    private String base;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void sighupAppliesOnlyGoodConfigurations() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        TestConfigs.write(config, TestConfigs.valid("job_one"));
        start("--config.file=" + config, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve("data"));

        await("ready", () -> status("/-/ready"), s -> s == 200);
        assertThat(get("/api/v1/status/config")).contains("job_one");
        double firstSuccess = metric("prometheus_config_last_reload_success_timestamp_seconds");
        assertThat(metric("prometheus_config_last_reload_successful")).isEqualTo(1.0);
        assertThat(firstSuccess).isPositive();

        TestConfigs.write(config, TestConfigs.valid("job_two"));
        signal("HUP");
        await("job_two active", () -> get("/api/v1/status/config"), body -> body.contains("job_two"));
        assertThat(metric("prometheus_config_last_reload_successful")).isEqualTo(1.0);
        double secondSuccess = metric("prometheus_config_last_reload_success_timestamp_seconds");
        assertThat(secondSuccess).isGreaterThanOrEqualTo(firstSuccess);

        Files.write(config, TestConfigs.broken());
        signal("HUP");
        await("failed reload", () -> metric("prometheus_config_last_reload_successful"), v -> v == 0.0);
        assertThat(get("/api/v1/status/config")).contains("job_two");
        assertThat(metric("prometheus_config_last_reload_success_timestamp_seconds")).isEqualTo(secondSuccess);
        await("error logged", () -> Files.readString(log), text -> text.contains("msg=\"Error reloading config\""));

        TestConfigs.write(config, TestConfigs.valid("job_three"));
        signal("HUP");
        await("job_three active", () -> get("/api/v1/status/config"), body -> body.contains("job_three"));
        assertThat(metric("prometheus_config_last_reload_successful")).isEqualTo(1.0);
        assertThat(metric("prometheus_config_last_reload_success_timestamp_seconds"))
                .isGreaterThanOrEqualTo(secondSuccess);

        signal("TERM");
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isZero();
        String output = Files.readString(log);
        assertThat(output).contains("msg=\"Received an OS signal, exiting gracefully...\" signal=terminated",
                "msg=\"See you next time!\"");
        assertThat(output.indexOf("Stopping web handler")).isLessThan(output.indexOf("See you next time!"));
    }

    @Test
    void sigintStopsGracefullyToo() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        TestConfigs.write(config, TestConfigs.valid("job_one"));
        start("--config.file=" + config, "--web.listen-address=127.0.0.1:0", "--log.level=debug",
                "--storage.tsdb.path=" + dir.resolve("data"));
        await("ready", () -> status("/-/ready"), s -> s == 200);
        signal("INT");
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("signal=interrupt", "msg=\"See you next time!\"");
    }

    @Test
    void aBrokenConfigAtStartExitsTwo() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.write(config, TestConfigs.broken());
        launch("--config.file=" + config, "--web.listen-address=127.0.0.1:0", "--log.format=json",
                "--storage.tsdb.path=" + dir.resolve("data"));
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("\"level\":\"ERROR\"",
                "\"msg\":\"Error loading config (--config.file=" + config + ")\"", "\"file\":\"" + config + "\"")
                .doesNotContain("Listening on");
    }

    private void start(String... flags) throws Exception {
        launch(flags);
        String port = await("listening", () -> {
            Matcher m = LISTENING.matcher(Files.readString(log));
            return m.find() ? m.group(1) : null;
        }, p -> p != null);
        base = "http://127.0.0.1:" + port;
    }

    private void launch(String... flags) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // env resets SIGHUP to its default first: a JVM that starts with it ignored (under nohup, as a CI job may
        // run) cannot handle it, and the reload test would wait for a reload that never comes. env execs java,
        // so the pid stays the server's.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP", java.toString(), "-cp",
                classPath, "io.ignis.server.Main"));
        command.addAll(List.of(flags));
        log = dir.resolve("ignis.log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private int status(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private double metric(String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(get("/metrics"));
        assertThat(m.find()).as(name + " exposed").isTrue();
        return Double.parseDouble(m.group(1));
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until {@code done} accepts the probe's value or the deadline passes; probe errors count as not yet. */
    private <T> T await(String what, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server alive while waiting for " + what + "; log:\n"
                    + Files.readString(log)).isTrue();
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e;
            }
            // A short pause between polls keeps the probe from starving the child JVM on a small machine.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new AssertionError("timed out waiting for " + what + "; last value " + last + "; log:\n"
                + Files.readString(log), lastError);
    }
}
