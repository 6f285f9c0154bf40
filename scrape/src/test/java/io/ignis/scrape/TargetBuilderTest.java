package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.RelabelAction;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Prometheus's PopulateLabels cases (target_test.go / manager_test.go) as our own table. */
class TargetBuilderTest {

    record Case(String name, Map<String, String> target, Consumer<TestScrapeConfig> config, Labels want,
            String wantError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static RelabelConfig replace(String source, String regex, String target, String replacement) {
        return new RelabelConfig(source.isEmpty() ? List.of() : List.of(source), ";", RelabelRegex.compile(regex), 0,
                target, replacement, RelabelAction.REPLACE);
    }

    static RelabelConfig action(RelabelAction a, String regex) {
        return new RelabelConfig(List.of(), ";", RelabelRegex.compile(regex), 0, "", "$1", a);
    }

    static Stream<Case> cases() {
        Consumer<TestScrapeConfig> none = c -> { };
        return Stream.of(
                new Case("defaults added, instance from address", Map.of("__address__", "1.2.3.4:1000", "custom",
                        "value"), none,
                        Labels.of("__address__", "1.2.3.4:1000", "instance", "1.2.3.4:1000", "__scheme__", "http",
                                "__metrics_path__", "/metrics", "job", "job", "__scrape_interval__", "1m",
                                "__scrape_timeout__", "10s", "custom", "value"), null),
                new Case("target labels win over defaults", Map.of("__address__", "1.2.3.4", "__scheme__", "https",
                        "__metrics_path__", "/custom", "job", "custom-job", "instance", "custom-instance",
                        "__scrape_interval__", "2s", "__scrape_timeout__", "2s"), none,
                        Labels.of("__address__", "1.2.3.4", "instance", "custom-instance", "__scheme__", "https",
                                "__metrics_path__", "/custom", "job", "custom-job", "__scrape_interval__", "2s",
                                "__scrape_timeout__", "2s"), null),
                new Case("params become __param_ labels", Map.of("__address__", "h:1"),
                        c -> c.params = Map.of("module", List.of("http_2xx", "other")),
                        Labels.of("__address__", "h:1", "instance", "h:1", "__scheme__", "http", "__metrics_path__",
                                "/metrics", "job", "job", "__scrape_interval__", "1m", "__scrape_timeout__", "10s",
                                "__param_module", "http_2xx"), null),
                new Case("meta labels removed after relabeling", Map.of("__address__", "h:1", "__meta_x", "y"),
                        c -> c.relabel = List.of(replace("__meta_x", "(.*)", "from_meta", "$1")),
                        Labels.of("__address__", "h:1", "instance", "h:1", "__scheme__", "http", "__metrics_path__",
                                "/metrics", "job", "job", "__scrape_interval__", "1m", "__scrape_timeout__", "10s",
                                "from_meta", "y"), null),
                new Case("relabel drop gives a dropped target", Map.of("__address__", "h:1"),
                        c -> c.relabel = List.of(new RelabelConfig(List.of("__address__"), ";",
                                RelabelRegex.compile("h:.*"), 0, "", "$1", RelabelAction.DROP)), null, null),
                new Case("address removed by relabeling", Map.of("__address__", "h:1"),
                        c -> c.relabel = List.of(action(RelabelAction.LABELDROP, "__address__")), null, "no address"),
                new Case("address with a slash", Map.of("__address__", "h:1/x"), none, null,
                        "\"h:1/x\" is not a valid hostname"),
                new Case("bad interval", Map.of("__address__", "h:1", "__scrape_interval__", "2notseconds"), none,
                        null, "error parsing scrape interval: unknown unit \"notseconds\" in duration \"2notseconds\""),
                new Case("zero interval", Map.of("__address__", "h:1", "__scrape_interval__", "0s"), none, null,
                        "scrape interval cannot be 0"),
                new Case("zero timeout", Map.of("__address__", "h:1", "__scrape_timeout__", "0s"), none, null,
                        "scrape timeout cannot be 0"),
                new Case("timeout above interval", Map.of("__address__", "h:1", "__scrape_interval__", "1s",
                        "__scrape_timeout__", "2s"), none, null,
                        "scrape timeout cannot be greater than scrape interval (\"2s\" > \"1s\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void populatesLabels(Case tc) {
        TestScrapeConfig cfg = new TestScrapeConfig("job");
        tc.config().accept(cfg);
        TargetBuilder.Result r = new TargetBuilder(cfg.build()).build(tc.target(), Map.of());
        assertThat(r.error()).isEqualTo(tc.wantError());
        if (tc.want() == null) {
            assertThat(r.target()).isNull();
        } else {
            assertThat(r.target().labels()).isEqualTo(tc.want());
        }
    }

    @Test
    void discoveredLabelsKeepMetaAndDefaultsBeforeRelabeling() {
        TestScrapeConfig cfg = new TestScrapeConfig("node");
        cfg.relabel = List.of(action(RelabelAction.LABELDROP, "env"));
        TargetGroup g = new TargetGroup("static/0", List.of(Map.of("__address__", "a:1", "__meta_m", "v")),
                Map.of("env", "prod"));
        TargetBuilder.Result r = new TargetBuilder(cfg.build()).fromGroup(g).get(0);
        assertThat(r.discoveredLabels().get("__meta_m")).isEqualTo("v");
        assertThat(r.discoveredLabels().get("env")).isEqualTo("prod");
        assertThat(r.discoveredLabels().get("job")).isEqualTo("node");
        assertThat(r.target().publicLabels()).isEqualTo(Labels.of("instance", "a:1", "job", "node"));
        assertThat(r.target().interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void errorsNameTheInstanceAndGroup() {
        TargetGroup g = new TargetGroup("file/x.json:0", List.of(Map.of("__address__", "ok:1"), Map.of("x", "y")),
                Map.of());
        List<TargetBuilder.Result> rs = new TargetBuilder(new TestScrapeConfig("j").build()).fromGroup(g);
        assertThat(rs.get(0).target()).isNotNull();
        assertThat(rs.get(1).error()).isEqualTo("instance 1 in group file/x.json:0: no address");
    }

    @Test
    void urlCombinesSchemeAddressPathAndSortedEscapedParams() {
        Labels l = Labels.of("__scheme__", "https", "__address__", "h:9", "__metrics_path__", "/probe",
                "__param_target", "http://x y/");
        assertThat(Target.url(l, Map.of("module", List.of("a", "b"), "target", List.of("old", "second"))))
                .isEqualTo("https://h:9/probe?module=a&module=b&target=http%3A%2F%2Fx+y%2F&target=second");
    }
}
