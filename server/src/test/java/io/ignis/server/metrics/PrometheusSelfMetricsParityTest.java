package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.Flags;
import io.ignis.server.Server;
import io.ignis.server.api.BuildInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus 2.42 and Ignis, started with the same configuration (a job scraping the server itself, a group
 * with a recording and an alerting rule, an Alertmanager, a remote-write queue), show the same set of scrape,
 * discovery, rule, notifier and remote-storage family names on {@code /metrics}, except for the families listed
 * below with the reason they differ. Where 2.42 and 3.x disagree, 3.x is the contract.
 */
class PrometheusSelfMetricsParityTest {
    /** Debian's binary; {@code -Dignis.test.prometheus} points elsewhere (or nowhere, to check the CI guard). */
    private static final String PROMETHEUS = System.getProperty("ignis.test.prometheus", "/usr/bin/prometheus");
    private static final String[] PREFIXES = {"prometheus_target_", "prometheus_sd_", "prometheus_rule_",
        "prometheus_notifications_", "prometheus_remote_storage_"};
    private static final BuildInfo BUILD = new BuildInfo("3.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");

    /** Families 2.42 shows that Ignis does not, each with its reason. */
    private static final Set<String> ONLY_IN_PROMETHEUS_242 = Set.of(
            // 3.x labels these by reason (too_old, dropped_series, ...), so like any vector they appear only once
            // something was dropped; 2.42's were unlabelled and always shown.
            "prometheus_remote_storage_samples_dropped_total",
            "prometheus_remote_storage_exemplars_dropped_total",
            "prometheus_remote_storage_histograms_dropped_total",
            // Not applicable: Ignis's queues keep their label sets without Prometheus's reference-counted interner.
            "prometheus_remote_storage_string_interner_zero_reference_releases_total",
            // Not implemented: Ignis discovers with static, file, dns, ec2 and kubernetes only (no Azure, no HTTP).
            "prometheus_sd_azure_failures_total",
            "prometheus_sd_http_failures_total");

    /** Families Ignis shows that 2.42 does not, each with its reason. */
    private static final Set<String> ONLY_IN_IGNIS = Set.of(
            // Added after 2.42 (3.x wins): histogram twins of the summaries, with classic buckets .01 .1 1 10.
            "prometheus_target_interval_length_histogram_seconds",
            "prometheus_target_sync_length_histogram_seconds",
            "prometheus_rule_evaluation_duration_histogram_seconds",
            "prometheus_rule_group_duration_histogram_seconds",
            "prometheus_notifications_latency_histogram_seconds",
            // Added after 2.42 (3.x wins).
            "prometheus_target_scrape_duration_seconds",
            "prometheus_target_scrape_pool_target_limit",
            "prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total",
            "prometheus_rule_group_last_restore_duration_seconds",
            "prometheus_rule_group_last_rule_duration_sum_seconds",
            "prometheus_sd_last_update_timestamp_seconds",
            "prometheus_sd_updates_delayed_total",
            "prometheus_remote_storage_queue_highest_timestamp_seconds",
            // Debian builds 2.42 without Kubernetes discovery; 3.x shows these from the start, as Ignis does.
            "prometheus_sd_kubernetes_events_total",
            "prometheus_sd_kubernetes_failures_total");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private Process prometheus;
    private Server ignis;
    private SelfMetricsPeers peers;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (ignis != null) {
            ignis.shutdown();
        }
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void sameFamiliesAsPrometheusBesidesTheListedDifferences() throws Exception {
        boolean present = Files.isExecutable(Path.of(PROMETHEUS));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("prometheus is required (apt-get install prometheus)").isTrue();
        }
        Assumptions.assumeTrue(present, "prometheus not installed");
        peers = new SelfMetricsPeers();

        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        int promPort = SelfMetricsPeers.freePort();
        Path promConfig = peers.writeConfig(promDir, promPort);
        prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + promConfig,
                "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                // The first alert may be sent before discovery has found the Alertmanager: resend soon after.
                "--rules.alert.resend-delay=1s")
                .redirectErrorStream(true).redirectOutput(promDir.resolve("prometheus.log").toFile()).start();

        Path ignisDir = Files.createDirectories(dir.resolve("ignis"));
        int ignisPort = SelfMetricsPeers.freePort();
        Path ignisConfig = peers.writeConfig(ignisDir, ignisPort);
        ignis = new Server(Flags.parse("--config.file=" + ignisConfig, "--web.listen-address=127.0.0.1:" + ignisPort,
                "--storage.tsdb.path=" + ignisDir.resolve("data"), "--rules.alert.resend-delay=1s"), BUILD);
        ignis.start();

        // Some families appear only after their first observation (a second scrape, a sent alert or batch):
        // compare until both sides settle within the listed differences, or report the last difference.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<String> onlyProm = Set.of();
        Set<String> onlyIgnis = Set.of();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            TreeSet<String> prom = families(promPort, promDir);
            TreeSet<String> ours = families(ignisPort, ignisDir);
            if (prom == null || ours == null) {
                continue;
            }
            onlyProm = difference(prom, ours);
            onlyIgnis = difference(ours, prom);
            onlyProm.removeAll(ONLY_IN_PROMETHEUS_242);
            onlyIgnis.removeAll(ONLY_IN_IGNIS);
            if (onlyProm.isEmpty() && onlyIgnis.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("families differ beyond the listed differences; only Prometheus 2.42: " + onlyProm
                + "; only Ignis: " + onlyIgnis);
    }

    private static TreeSet<String> difference(Set<String> a, Set<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** The server's families under the compared prefixes, or null while it does not answer yet. */
    private TreeSet<String> families(int port, Path logDir) throws IOException, InterruptedException {
        if (prometheus != null && !prometheus.isAlive()) {
            throw new AssertionError("prometheus exited: "
                    + Files.readString(dir.resolve("prometheus").resolve("prometheus.log")));
        }
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new ExpositionText(r.body()).families(PREFIXES) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
