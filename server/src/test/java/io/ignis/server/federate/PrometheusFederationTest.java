package io.ignis.server.federate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.Flags;
import io.ignis.server.Server;
import io.ignis.server.api.BuildInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Federation with Debian's Prometheus 2.42 in both directions, everything on 127.0.0.1 with one-second scrapes: a
 * fixed target is scraped by one server, the other federates it ({@code honor_labels}, two {@code match[]}
 * selectors), and both query APIs must then answer the same series and values (plus the external labels). A series
 * that vanishes from the target gets a stale marker at the source, whose {@code /federate} then leaves it out at
 * once; the federating side stores no marker (federated samples carry timestamps, exempt from staleness in 2.42),
 * so the series ends there when its last sample leaves the lookback window, shortened to 5s so the test stays
 * short. Needs {@code prometheus}: fails when it is missing under CI=true, skips otherwise.
 */
class PrometheusFederationTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String LOOKBACK = "--query.lookback-delta=5s";
    private static final String METRICS = """
            # TYPE static_requests_total counter
            static_requests_total{code="200",path="/a"} 1027
            static_requests_total{code="500",path="/a"} 3
            # TYPE static_temperature gauge
            static_temperature{room="lab"} -12.5
            static_temperature{room="odd \\"quoted\\" \\\\ value"} 1e-07
            static_big 1.5e+300
            static_nan NaN
            # TYPE static_latency histogram
            static_latency_bucket{le="0.1"} 1
            static_latency_bucket{le="1"} 5
            static_latency_bucket{le="+Inf"} 7
            static_latency_sum 3.25
            static_latency_count 7
            """;
    private static final String GONE = "static_gone{reason=\"test\"} 42\n";
    /** What the federating server asks for: the fixed metrics and the target's up. */
    private static final String SELECTED = "{__name__=~\"static_.*|up\",job=\"static\"}";

    @TempDir
    Path dir;
    private StaticTarget target;
    private PrometheusProcess prometheus;
    private Server ignis;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (ignis != null) {
            ignis.shutdown();
        }
        if (target != null) {
            target.close();
        }
    }

    /** Text, as 2.42 asks by default, and delimited protobuf, which it asks for first with native histograms. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "protobuf"})
    void prometheusFederatesIgnis(String format) throws Exception {
        PrometheusProcess.assumeInstalled();
        target = new StaticTarget(METRICS + GONE);
        int ignisPort = PrometheusProcess.freePort();
        Path config = dir.resolve("ignis.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  external_labels:
                    site: ignis
                scrape_configs:
                  - job_name: static
                    static_configs:
                      - targets: ['%s']
                """.formatted(target.address()));
        ignis = startIgnis(config, ignisPort);
        String ignisBase = "http://127.0.0.1:" + ignisPort;

        String promConfig = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params:
                      'match[]': ['{job="static",__name__=~"static_.*"}', 'up{job="static"}']
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(ignisPort);
        String[] flags = format.equals("protobuf")
                ? new String[] {LOOKBACK, "--enable-feature=native-histograms"} : new String[] {LOOKBACK};
        prometheus = PrometheusProcess.start(dir, PrometheusProcess.freePort(), promConfig, flags);

        assertSameSeries(ignisBase, prometheus.base(), "site", "ignis");
        assertFederatedSamplesAreIgnisSamples(ignisBase);
        assertThat(PrometheusProcess.vector(prometheus.base(), "up{job=\"federate\"}").values())
                .as("the federation scrape's health").containsExactly("1");

        target.serve(METRICS);
        assertGoneThroughStaleness(ignisBase, prometheus.base());
        assertSameSeries(ignisBase, prometheus.base(), "site", "ignis");
    }

    @Test
    void ignisFederatesPrometheus() throws Exception {
        PrometheusProcess.assumeInstalled();
        target = new StaticTarget(METRICS + GONE);
        String promConfig = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  external_labels:
                    origin: prometheus
                scrape_configs:
                  - job_name: static
                    static_configs:
                      - targets: ['%s']
                """.formatted(target.address());
        prometheus = PrometheusProcess.start(dir, PrometheusProcess.freePort(), promConfig);

        int ignisPort = PrometheusProcess.freePort();
        Path config = dir.resolve("ignis.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params:
                      'match[]': ['{job="static",__name__=~"static_.*"}', 'up{job="static"}']
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(prometheus.port));
        ignis = startIgnis(config, ignisPort);
        String ignisBase = "http://127.0.0.1:" + ignisPort;

        assertSameSeries(prometheus.base(), ignisBase, "origin", "prometheus");
        assertThat(PrometheusProcess.vector(ignisBase, "up{job=\"federate\"}").values())
                .as("the federation scrape's health").containsExactly("1");

        target.serve(METRICS);
        assertGoneThroughStaleness(prometheus.base(), ignisBase);
        assertSameSeries(prometheus.base(), ignisBase, "origin", "prometheus");
    }

    private Server startIgnis(Path config, int port) throws Exception {
        Server s = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("ignis-data"), LOOKBACK), BUILD);
        s.start();
        return s;
    }

    /**
     * Waits until the federating server's answer for the selected series equals the source's, each series with the
     * external label the source adds; the source must hold the whole fixed set by then.
     */
    private static void assertSameSeries(String source, String federating, String externalName,
                                         String externalValue) {
        List<Map<Map<String, String>, String>> last = new ArrayList<>(List.of(Map.of(), Map.of()));
        PrometheusProcess.await(WAIT, () -> {
            Map<Map<String, String>, String> want = withLabel(PrometheusProcess.vector(source, SELECTED),
                    externalName, externalValue);
            Map<Map<String, String>, String> got = PrometheusProcess.vector(federating, SELECTED);
            last.set(0, want);
            last.set(1, got);
            return want.size() >= 10 && want.equals(got);
        }, () -> "the same series on both sides;\nsource     " + last.get(0) + "\nfederating " + last.get(1));
    }

    /**
     * After static_gone left the target: the source marks it stale and its {@code /federate} leaves it out (while
     * still serving the rest), then the federating server loses it once its last sample is older than the lookback.
     */
    private static void assertGoneThroughStaleness(String source, String federating) {
        PrometheusProcess.await(WAIT, () -> PrometheusProcess.vector(source, "static_gone").isEmpty(),
                () -> "static_gone stale at the source " + source);
        String body = PrometheusProcess.get(source + "/federate?match[]=%7Bjob%3D%22static%22%7D");
        assertThat(body).doesNotContain("static_gone").contains("static_temperature{");
        PrometheusProcess.await(WAIT, () -> PrometheusProcess.vector(federating, "static_gone").isEmpty(),
                () -> "static_gone gone from the federating server " + federating);
    }

    /** Prometheus's raw samples of a federated series are samples Ignis holds, at the same timestamps. */
    private void assertFederatedSamplesAreIgnisSamples(String ignisBase) {
        double at = System.currentTimeMillis() / 1000.0;
        String selector = "static_temperature{room=\"lab\"}[1m]";
        Map<Map<String, String>, List<Long>> federated = PrometheusProcess.sampleTimes(prometheus.base(), selector,
                at);
        Map<Map<String, String>, List<Long>> own = PrometheusProcess.sampleTimes(ignisBase, selector, at);
        assertThat(federated).hasSize(1);
        List<Long> ts = federated.values().iterator().next();
        List<Long> ignisTs = own.values().iterator().next();
        assertThat(ts).isNotEmpty();
        assertThat(ignisTs).containsAll(ts);
    }

    private static Map<Map<String, String>, String> withLabel(Map<Map<String, String>, String> vector, String name,
                                                          String value) {
        Map<Map<String, String>, String> out = new HashMap<>();
        vector.forEach((labels, v) -> {
            Map<String, String> m = new TreeMap<>(labels);
            m.put(name, value);
            out.put(m, v);
        });
        return out;
    }
}
