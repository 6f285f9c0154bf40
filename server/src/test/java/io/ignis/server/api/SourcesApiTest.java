package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.server.api.RulesSource.Alert;
import io.ignis.server.api.RulesSource.AlertingRule;
import io.ignis.server.api.RulesSource.Group;
import io.ignis.server.api.RulesSource.RecordingRule;
import io.ignis.server.api.TargetsSource.ActiveTarget;
import io.ignis.server.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The endpoints fed by other modules' sources, over hand-written fakes, with Prometheus's JSON shapes. */
class SourcesApiTest {
    private static final long SCRAPED = 1_700_000_000_123L;

    /** Two pools, one dropped target, metadata on the node target. */
    static final class FakeTargets implements TargetsSource {
        @Override
        public Map<String, List<ActiveTarget>> activeTargets() {
            Map<String, MetricMetadata> md = new LinkedHashMap<>();
            md.put("node_load1", new MetricMetadata(MetricType.GAUGE, "", "1m load average."));
            md.put("node_cpu_seconds_total", new MetricMetadata(MetricType.COUNTER, "seconds", "CPU time."));
            Map<String, List<ActiveTarget>> m = new LinkedHashMap<>();
            m.put("prometheus", List.of(new ActiveTarget(
                    Labels.of("__address__", "localhost:9090", "job", "prometheus"),
                    Labels.of("instance", "localhost:9090", "job", "prometheus"), "http://localhost:9090/metrics",
                    "http://host:9090/metrics", "", SCRAPED, 0.0123, "up", "15s", "10s",
                    Map.of("up", new MetricMetadata(MetricType.GAUGE, "", "Up.")))));
            m.put("node", List.of(new ActiveTarget(Labels.of("__address__", "n:9100", "job", "node"),
                    Labels.of("instance", "n:9100", "job", "node"), "http://n:9100/metrics", "http://n:9100/metrics",
                    "connection refused", 0, 0, "unknown", "1m", "10s", md)));
            return m;
        }

        @Override
        public Map<String, List<Labels>> droppedTargets() {
            return Map.of("node", List.of(Labels.of("__address__", "gone:9100", "job", "node")));
        }

        @Override
        public Map<String, Integer> droppedTargetCounts() {
            return Map.of("node", 1, "prometheus", 0);
        }

        @Override
        public List<String> scrapePools() {
            return List.of("prometheus", "node");
        }
    }

    static List<Group> groups() {
        Alert firing = new Alert(Labels.of("alertname", "HighLoad", "severity", "page"),
                Labels.of("summary", "load <high>"), "firing", SCRAPED, 0, 2.5);
        return List.of(new Group("node.rules", "/etc/rules/node.yml", List.of(
                new RecordingRule("job:up:sum", "sum by (job) (up)", Labels.EMPTY, "ok", "", 0.0005, SCRAPED),
                new AlertingRule("firing", "HighLoad", "node_load1 > 2", 300, 0, Labels.of("severity", "page"),
                        Labels.of("summary", "load <high>"), List.of(firing), "ok", "", 0.001, SCRAPED)),
                60, 0, 0.0015, SCRAPED));
    }

    static final List<Object[]> ADMIN_CALLS = new ArrayList<>();

    private static ApiFixture fixture(boolean admin, Path dataDir, String cors) {
        return new ApiFixture(b -> {
            b.targets = new FakeTargets();
            b.rules = SourcesApiTest::groups;
            b.alertmanagers = new AlertmanagersSource() {
                @Override
                public List<String> active() {
                    return List.of("http://127.0.0.1:9093/api/v2/alerts");
                }

                @Override
                public List<String> dropped() {
                    return List.of();
                }
            };
            b.tsdb = new TsdbStatusSource() {
                @Override
                public TsdbStatus status(int limit) {
                    List<Stat> names = List.of(new Stat("up", 2), new Stat("node_load1", 1));
                    return new TsdbStatus(3, 7, 3, 1000, 2000, names.subList(0, Math.min(limit, 2)), List.of(),
                            List.of(), List.of(new Stat("job=node", 1)));
                }

                @Override
                public WalReplay walReplay() {
                    return new WalReplay(0, 4, 2);
                }
            };
            b.enableAdmin = admin;
            b.dataDir = dataDir;
            b.cors = cors;
            b.admin = new AdminSource() {
                @Override
                public void deleteSeries(long mint, long maxt, Matcher... matchers) {
                    ADMIN_CALLS.add(new Object[] {"delete", mint, maxt, List.of(matchers).toString()});
                }

                @Override
                public void cleanTombstones() {
                    ADMIN_CALLS.add(new Object[] {"clean"});
                }

                @Override
                public void snapshot(Path dir, boolean withHead) {
                    ADMIN_CALLS.add(new Object[] {"snapshot", dir, withHead});
                }
            };
        });
    }

    record Case(String name, String uri, int status, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String ok(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    static final String NODE_TARGET = "{\"discoveredLabels\":{\"__address__\":\"n:9100\",\"job\":\"node\"},"
            + "\"labels\":{\"instance\":\"n:9100\",\"job\":\"node\"},\"scrapePool\":\"node\","
            + "\"scrapeUrl\":\"http://n:9100/metrics\",\"globalUrl\":\"http://n:9100/metrics\","
            + "\"lastError\":\"connection refused\",\"lastScrape\":\"0001-01-01T00:00:00Z\","
            + "\"lastScrapeDuration\":0,\"health\":\"unknown\",\"scrapeInterval\":\"1m\",\"scrapeTimeout\":\"10s\"}";
    static final String PROM_TARGET = "{\"discoveredLabels\":{\"__address__\":\"localhost:9090\","
            + "\"job\":\"prometheus\"},\"labels\":{\"instance\":\"localhost:9090\",\"job\":\"prometheus\"},"
            + "\"scrapePool\":\"prometheus\",\"scrapeUrl\":\"http://localhost:9090/metrics\","
            + "\"globalUrl\":\"http://host:9090/metrics\",\"lastError\":\"\","
            + "\"lastScrape\":\"2023-11-14T22:13:20.123Z\",\"lastScrapeDuration\":0.0123,\"health\":\"up\","
            + "\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}";
    static final String DROPPED = "{\"discoveredLabels\":{\"__address__\":\"gone:9100\",\"job\":\"node\"},"
            + "\"scrapePool\":\"node\"}";

    static Stream<Case> cases() {
        String recording = "{\"name\":\"job:up:sum\",\"query\":\"sum by (job) (up)\",\"labels\":{},\"health\":\"ok\","
                + "\"evaluationTime\":0.0005,\"lastEvaluation\":\"2023-11-14T22:13:20.123Z\",\"type\":\"recording\"}";
        String alert = "{\"labels\":{\"alertname\":\"HighLoad\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"load \\u003chigh\\u003e\"},\"state\":\"firing\","
                + "\"activeAt\":\"2023-11-14T22:13:20.123Z\",\"value\":\"2.5e+00\"}";
        String alerting = "{\"state\":\"firing\",\"name\":\"HighLoad\",\"query\":\"node_load1 \\u003e 2\",\"duration\":300,"
                + "\"keepFiringFor\":0,\"labels\":{\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"load \\u003chigh\\u003e\"},\"alerts\":[" + alert + "],"
                + "\"health\":\"ok\",\"evaluationTime\":0.001,\"lastEvaluation\":\"2023-11-14T22:13:20.123Z\","
                + "\"type\":\"alerting\"}";
        String group = "{\"name\":\"node.rules\",\"file\":\"/etc/rules/node.yml\",\"rules\":[%s],\"interval\":60,"
                + "\"limit\":0,\"evaluationTime\":0.0015,\"lastEvaluation\":\"2023-11-14T22:13:20.123Z\"}";
        return Stream.of(
                new Case("targets", "/api/v1/targets", 200, ok("{\"activeTargets\":[" + NODE_TARGET + ","
                        + PROM_TARGET + "],\"droppedTargets\":[" + DROPPED + "],"
                        + "\"droppedTargetCounts\":{\"node\":1,\"prometheus\":0}}")),
                new Case("targets, active only", "/api/v1/targets?state=active", 200,
                        ok("{\"activeTargets\":[" + NODE_TARGET + "," + PROM_TARGET + "],\"droppedTargets\":[],"
                                + "\"droppedTargetCounts\":null}")),
                new Case("targets, dropped of one pool", "/api/v1/targets?state=Dropped&scrapePool=node", 200,
                        ok("{\"activeTargets\":[],\"droppedTargets\":[" + DROPPED + "],"
                                + "\"droppedTargetCounts\":{\"node\":1,\"prometheus\":0}}")),
                new Case("scrape pools", "/api/v1/scrape_pools", 200, ok("{\"scrapePools\":[\"node\",\"prometheus\"]}")),
                new Case("targets metadata by metric", "/api/v1/targets/metadata?metric=node_load1", 200,
                        ok("[{\"target\":{\"instance\":\"n:9100\",\"job\":\"node\"},\"type\":\"gauge\","
                                + "\"help\":\"1m load average.\",\"unit\":\"\"}]")),
                new Case("targets metadata by target", "/api/v1/targets/metadata?match_target={job=%22prometheus%22}",
                        200, ok("[{\"target\":{\"instance\":\"localhost:9090\",\"job\":\"prometheus\"},"
                                + "\"metric\":\"up\",\"type\":\"gauge\",\"help\":\"Up.\",\"unit\":\"\"}]")),
                new Case("metadata", "/api/v1/metadata", 200, ok("{\"node_cpu_seconds_total\":[{\"type\":\"counter\","
                        + "\"help\":\"CPU time.\",\"unit\":\"seconds\"}],\"node_load1\":[{\"type\":\"gauge\","
                        + "\"help\":\"1m load average.\",\"unit\":\"\"}],\"up\":[{\"type\":\"gauge\",\"help\":\"Up.\","
                        + "\"unit\":\"\"}]}")),
                new Case("metadata, limit", "/api/v1/metadata?limit=1", 200,
                        ok("{\"node_cpu_seconds_total\":[{\"type\":\"counter\",\"help\":\"CPU time.\","
                                + "\"unit\":\"seconds\"}]}")),
                new Case("metadata, bad limit", "/api/v1/metadata?limit=x", 400,
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must be a number\"}"),
                new Case("rules", "/api/v1/rules", 200,
                        ok("{\"groups\":[" + String.format(group, recording + "," + alerting) + "]}")),
                new Case("rules, recording only", "/api/v1/rules?type=record", 200,
                        ok("{\"groups\":[" + String.format(group, recording) + "]}")),
                new Case("rules, exclude alerts", "/api/v1/rules?type=alert&exclude_alerts=true", 200,
                        ok("{\"groups\":[" + String.format(group, alerting.replace("[" + alert + "]", "null"))
                                + "]}")),
                new Case("rules, unknown group", "/api/v1/rules?rule_group[]=other", 200, ok("{\"groups\":[]}")),
                new Case("rules, bad type", "/api/v1/rules?type=x", 400, "{\"status\":\"error\",\"errorType\":"
                        + "\"bad_data\",\"error\":\"invalid parameter \\\"type\\\": not supported value \\\"x\\\"\"}"),
                new Case("alerts", "/api/v1/alerts", 200, ok("{\"alerts\":[" + alert + "]}")),
                new Case("alertmanagers", "/api/v1/alertmanagers", 200, ok("{\"activeAlertmanagers\":[{\"url\":"
                        + "\"http://127.0.0.1:9093/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}")),
                new Case("tsdb status", "/api/v1/status/tsdb?limit=1", 200, ok("{\"headStats\":{\"numSeries\":3,"
                        + "\"numLabelPairs\":7,\"chunkCount\":3,\"minTime\":1000,\"maxTime\":2000},"
                        + "\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":2}],"
                        + "\"labelValueCountByLabelName\":[],\"memoryInBytesByLabelName\":[],"
                        + "\"seriesCountByLabelValuePair\":[{\"name\":\"job=node\",\"value\":1}]}")),
                new Case("tsdb status, limit 0", "/api/v1/status/tsdb?limit=0", 400, "{\"status\":\"error\","
                        + "\"errorType\":\"bad_data\",\"error\":\"limit must be a positive number\"}"),
                new Case("tsdb status, limit too big", "/api/v1/status/tsdb?limit=10001", 400, "{\"status\":\"error\","
                        + "\"errorType\":\"bad_data\",\"error\":\"limit must not exceed 10000\"}"),
                new Case("wal replay", "/api/v1/status/walreplay", 200, ok("{\"min\":0,\"max\":4,\"current\":2}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsPrometheus(Case c) {
        Response r = fixture(false, Path.of("data"), ".*").get(c.uri());
        assertThat(r.bodyText()).isEqualTo(c.body());
        assertThat(r.status()).isEqualTo(c.status());
    }

    @Test
    void adminDisabled() {
        ApiFixture api = fixture(false, Path.of("data"), ".*");
        for (String path : List.of("delete_series?match[]=up", "clean_tombstones", "snapshot")) {
            Response r = api.send("POST", "/api/v1/admin/tsdb/" + path, "", Map.of());
            assertThat(r.status()).as(path).isEqualTo(500);
            assertThat(r.bodyText()).isEqualTo("{\"status\":\"error\",\"errorType\":\"unavailable\","
                    + "\"error\":\"admin APIs disabled\"}");
        }
    }

    @Test
    void adminEnabled(@TempDir Path dir) {
        ADMIN_CALLS.clear();
        ApiFixture api = fixture(true, dir, ".*");
        Response del = api.send("PUT", "/api/v1/admin/tsdb/delete_series?match[]=up{job=%22a%22}&start=1&end=2", "",
                Map.of());
        assertThat(del.status()).isEqualTo(204);
        assertThat(del.body()).isEmpty();
        assertThat(api.send("POST", "/api/v1/admin/tsdb/delete_series", "", Map.of()).bodyText())
                .contains("no match[] parameter provided");
        assertThat(api.send("POST", "/api/v1/admin/tsdb/clean_tombstones", "", Map.of()).status()).isEqualTo(204);
        Response snap = api.send("POST", "/api/v1/admin/tsdb/snapshot?skip_head=true", "", Map.of());
        assertThat(snap.status()).isEqualTo(200);
        assertThat(snap.bodyText()).matches("\\{\"status\":\"success\",\"data\":\\{\"name\":\"20231114T224320Z-"
                + "[0-9a-f]{16}\"}}");
        String name = snap.bodyText().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        assertThat(Files.isDirectory(dir.resolve("snapshots").resolve(name))).isTrue();
        assertThat(ADMIN_CALLS).hasSize(3);
        assertThat(ADMIN_CALLS.get(0)).containsExactly("delete", 1000L, 2000L, "[job=\"a\", __name__=\"up\"]");
        assertThat(ADMIN_CALLS.get(1)).containsExactly("clean");
        assertThat(ADMIN_CALLS.get(2)[2]).isEqualTo(false);
        assertThat(api.send("POST", "/api/v1/admin/tsdb/snapshot?skip_head=maybe", "", Map.of()).bodyText())
                .contains("invalid parameter \\\"skip_head\\\": unable to parse boolean");
    }

    @Test
    void corsFollowsTheOriginPattern() {
        ApiFixture any = fixture(false, Path.of("data"), ".*");
        Response r = any.get("/api/v1/labels", Map.of("Origin", "https://grafana.example"));
        assertThat(r.headers()).containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Vary", "Origin")
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        assertThat(any.get("/api/v1/labels").headers()).doesNotContainKey("Access-Control-Allow-Origin")
                .containsEntry("Vary", "Origin");

        ApiFixture strict = fixture(false, Path.of("data"), "https://.*\\.example");
        assertThat(strict.get("/api/v1/labels", Map.of("Origin", "https://grafana.example")).headers())
                .containsEntry("Access-Control-Allow-Origin", "https://grafana.example");
        assertThat(strict.get("/api/v1/labels", Map.of("Origin", "https://evil.test")).headers())
                .doesNotContainKey("Access-Control-Allow-Origin");
        Response preflight = strict.send("OPTIONS", "/api/v1/query", "", Map.of("Origin", "https://a.example"));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers()).containsEntry("Access-Control-Allow-Origin", "https://a.example");
    }
}
