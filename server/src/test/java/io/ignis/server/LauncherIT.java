package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ignis} as the README uses it, after {@code package} built the jar: it prints version and help, and it
 * replaces itself with the JVM, so the PID it started under serves HTTP, takes {@code IGNIS_OPTS} and stops
 * cleanly on SIGTERM.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path LAUNCHER = ROOT.resolve("bin/ignis");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        assertThat(ROOT.resolve("server/target/ignis.jar")).as("package ran before this test").isRegularFile();
        Process version = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor()).isZero();
        assertThat(out).startsWith("ignis, version ").contains("  build date:", "  platform:");

        Process help = new ProcessBuilder(LAUNCHER.toString(), "--help").redirectErrorStream(true).start();
        assertThat(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("usage: ignis [<flags>]").contains("--storage.tsdb.retention.time");
        assertThat(help.waitFor()).isZero();
    }

    @Test
    void theLauncherPidIsTheServer() throws Exception {
        Path config = dir.resolve("prometheus.yml");
        TestConfigs.write(config, TestConfigs.valid("job_one"));
        Path log = dir.resolve("ignis.log");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("IGNIS_OPTS", "-Dignis.launcher.marker=yes");
        process = pb.start();

        Matcher listening = Pattern.compile("address=127\\.0\\.0\\.1:(\\d+)").matcher("");
        String port = await("listening", () -> {
            Matcher m = listening.reset(read(log));
            return m.find() ? m.group(1) : null;
        });
        List<String> cmdline = List.of(Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"))
                .split("\0"));
        assertThat(Path.of(cmdline.get(0)).getFileName().toString()).as("exec replaced bash").isEqualTo("java");
        assertThat(cmdline).contains("-Dignis.launcher.marker=yes", "-jar");

        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        await("ready", () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? "ready" : null;
            } catch (IOException | InterruptedException e) {
                return null;
            }
        });
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("prometheus_build_info{", "prometheus_ready 1");

        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(read(log)).contains("msg=\"See you next time!\"");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private String await(String what, Supplier<String> probe) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("launcher alive while waiting for " + what).isTrue();
            String value = probe.get();
            if (value != null) {
                return value;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
