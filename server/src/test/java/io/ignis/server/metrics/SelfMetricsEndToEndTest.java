package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.Flags;
import io.ignis.server.Server;
import io.ignis.server.api.BuildInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with a scrape job, a rule group with a recording and an alerting rule, an Alertmanager and a remote
 * write queue shows the scrape, discovery, rule, notifier and remote-storage families on its own {@code /metrics},
 * with Prometheus's labels; a reload that removes the job, the group and the queue removes their series.
 */
class SelfMetricsEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("3.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private Server server;
    private SelfMetricsPeers peers;
    private String base;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void everyModuleFamilyAppearsWithItsLabelsAndGoesAwayOnReload() throws Exception {
        peers = new SelfMetricsPeers();
        int port = SelfMetricsPeers.freePort();
        Path config = peers.writeConfig(dir, port);
        // A short resend delay: as in Prometheus, an alert sent before discovery has found the Alertmanager is
        // dropped and sent again only after the delay (1m by default, the length of this test's wait).
        server = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.enable-lifecycle",
                "--rules.alert.resend-delay=1s"), BUILD);
        server.start();
        base = "http://127.0.0.1:" + port;

        String job = "scrape_job=\"self\"";
        String group = "rule_group=\"" + dir.resolve("rules.yml") + ";g1\"";
        String am = "alertmanager=\"" + peers.alertmanagerUrl() + "\"";
        String queue = "remote_name=\"rw1\",url=\"" + peers.writeUrl() + "\"";
        List<String> wanted = List.of(
                "prometheus_target_interval_length_seconds_count{interval=\"1s\"}",
                "prometheus_target_interval_length_histogram_seconds_count{interval=\"1s\"}",
                "prometheus_target_scrape_pool_targets{" + job + "}",
                "prometheus_target_scrape_pool_target_limit{" + job + "}",
                "prometheus_target_scrape_pool_sync_total{" + job + "}",
                "prometheus_target_sync_length_seconds_count{" + job + "}",
                "prometheus_target_sync_failed_total{" + job + "}",
                "prometheus_target_metadata_cache_entries{" + job + "}",
                "prometheus_target_scrape_pools_total",
                "prometheus_target_scrape_duration_seconds_count",
                "prometheus_sd_discovered_targets{config=\"self\",name=\"scrape\"}",
                "prometheus_sd_last_update_timestamp_seconds{config=\"self\",name=\"scrape\"}",
                "prometheus_sd_updates_total{name=\"scrape\"}",
                "prometheus_sd_received_updates_total{name=\"scrape\"}",
                "prometheus_sd_failed_configs{name=\"scrape\"}",
                // The notifier's Alertmanager discovery records into the same families as name="notify".
                "prometheus_sd_discovered_targets{config=\"config-0\",name=\"notify\"}",
                "prometheus_sd_updates_total{name=\"notify\"}",
                "prometheus_rule_evaluations_total{" + group + "}",
                "prometheus_rule_group_iterations_total{" + group + "}",
                "prometheus_rule_group_rules{" + group + "}",
                "prometheus_rule_group_last_evaluation_timestamp_seconds{" + group + "}",
                "prometheus_rule_group_duration_seconds_count",
                "prometheus_rule_evaluation_duration_seconds_count",
                "prometheus_notifications_sent_total{" + am + "}",
                "prometheus_notifications_latency_seconds_count{" + am + "}",
                "prometheus_notifications_queue_length{" + am + "}",
                "prometheus_notifications_alertmanagers_discovered",
                "prometheus_notifications_queue_capacity",
                "prometheus_remote_storage_samples_total{" + queue + "}",
                "prometheus_remote_storage_sent_batch_duration_seconds_count{" + queue + "}",
                "prometheus_remote_storage_queue_highest_sent_timestamp_seconds{" + queue + "}",
                "prometheus_remote_storage_shards{" + queue + "}",
                "prometheus_remote_storage_samples_in_total");
        ExpositionText text = await(t -> t.value("prometheus_target_interval_length_seconds_count{interval=\"1s\"}")
                != null && t.value("prometheus_notifications_sent_total{" + am + "}") != null
                && t.value("prometheus_notifications_sent_total{" + am + "}") > 0
                && t.value("prometheus_remote_storage_samples_total{" + queue + "}") != null
                && t.value("prometheus_remote_storage_samples_total{" + queue + "}") > 0);
        assertThat(text.values.keySet()).containsAll(wanted);
        assertThat(text.value("prometheus_target_scrape_pool_targets{" + job + "}")).isEqualTo(1);
        assertThat(text.value("prometheus_rule_group_rules{" + group + "}")).isEqualTo(2);
        assertThat(text.value("prometheus_notifications_alertmanagers_discovered")).isEqualTo(1);
        assertThat(text.types).containsEntry("prometheus_target_interval_length_seconds", "summary")
                .containsEntry("prometheus_rule_group_duration_seconds", "summary")
                .containsEntry("prometheus_remote_storage_sent_batch_duration_seconds", "histogram")
                .containsEntry("prometheus_notifications_sent_total", "counter");
        for (String accept : List.of(MetricsExposition.OPENMETRICS_100, MetricsExposition.PROTOBUF)) {
            HttpResponse<byte[]> other = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(other.statusCode()).as(accept).isEqualTo(200);
            assertThat(new String(other.body(), StandardCharsets.ISO_8859_1))
                    .as(accept).contains("prometheus_target_interval_length_seconds", "prometheus_rule_group_rules",
                            "prometheus_remote_storage_sent_batch_duration_seconds");
        }
        assertThat(peers.alertPosts.get()).isPositive();
        assertThat(peers.writes.get()).isPositive();

        // A reload without the job, the rule file, the Alertmanager and the queue takes their series away.
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: other
                    static_configs:
                      - targets: ['127.0.0.1:1']
                """);
        HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        ExpositionText after = await(t -> !t.text.contains(job) && !t.text.contains("remote_name=")
                && !t.text.contains("rule_group=") && !t.text.contains("alertmanager=")
                && Double.valueOf(1).equals(t.value("prometheus_target_scrape_pool_targets{scrape_job=\"other\"}")));
        assertThat(after.text).doesNotContain("config=\"self\"");
        assertThat(after.value("prometheus_notifications_alertmanagers_discovered")).isEqualTo(0);
    }

    private ExpositionText await(Predicate<ExpositionText> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ExpositionText last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            last = new ExpositionText(r.body());
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("/metrics never satisfied the condition; last:\n" + (last == null ? "" : last.text));
    }
}
