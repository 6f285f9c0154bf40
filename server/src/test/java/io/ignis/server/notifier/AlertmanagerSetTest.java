package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.AlertingConfig;
import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.ConfigLoader;
import io.ignis.config.LabelNames;
import io.ignis.discovery.TargetGroup;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Target groups into Alertmanager URLs through {@code relabel_configs}, as Prometheus's AlertmanagerFromGroup. */
class AlertmanagerSetTest {
    /** One {@code alertmanagers} entry written as YAML flow mappings, one per line. */
    static AlertingConfig alerting(String... entries) {
        StringBuilder y = new StringBuilder("alerting:\n  alertmanagers:\n");
        for (String e : entries) {
            y.append("    - ").append(e).append('\n');
        }
        return ConfigLoader.load(y.toString(), "t.yml").alerting();
    }

    static AlertmanagerConfig entry(String yaml) {
        return alerting(yaml).alertmanagers().get(0);
    }

    record Case(String name, String entry, List<Map<String, String>> targets, Map<String, String> groupLabels,
            List<String> active, List<String> dropped) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Map<String, String>> TWO = List.of(
            Map.of("__address__", "am-1:9093", "__meta_role", "primary"),
            Map.of("__address__", "am-2:9093", "__meta_role", "standby"));

    static Stream<Case> cases() {
        return Stream.of(
                new Case("defaults", "{static_configs: []}", TWO, Map.of(),
                        List.of("http://am-1:9093/api/v2/alerts", "http://am-2:9093/api/v2/alerts"), List.of()),
                new Case("scheme and path prefix", "{scheme: https, path_prefix: /am/}", TWO, Map.of(),
                        List.of("https://am-1:9093/am/api/v2/alerts", "https://am-2:9093/am/api/v2/alerts"),
                        List.of()),
                new Case("drop lists the labels before relabeling",
                        "{path_prefix: x, relabel_configs: [{source_labels: [__meta_role], regex: standby, "
                                + "action: drop}, {target_label: __scheme__, replacement: https}]}",
                        TWO, Map.of(), List.of("https://am-1:9093/x/api/v2/alerts"),
                        List.of("http://am-2:9093/x/api/v2/alerts")),
                new Case("keep on a group label",
                        "{relabel_configs: [{source_labels: [dc], regex: eu, action: keep}]}",
                        TWO, Map.of("dc", "eu"),
                        List.of("http://am-1:9093/api/v2/alerts", "http://am-2:9093/api/v2/alerts"), List.of()),
                new Case("a target's own label wins over the group's",
                        "{relabel_configs: [{source_labels: [dc], regex: eu, action: keep}]}",
                        List.of(Map.of("__address__", "am-1:9093", "dc", "us"), Map.of("__address__", "am-2:9093")),
                        Map.of("dc", "eu"), List.of("http://am-2:9093/api/v2/alerts"),
                        List.of("http://am-1:9093/api/v2/alerts")),
                new Case("address, scheme and path rewritten",
                        "{relabel_configs: [{source_labels: [__address__], regex: '(.*):9093', "
                                + "target_label: __address__, replacement: '${1}.svc:443'}, "
                                + "{target_label: __scheme__, replacement: https}, "
                                + "{target_label: __alerts_path__, replacement: /custom/alerts}]}",
                        TWO, Map.of(),
                        List.of("https://am-1.svc:443/custom/alerts", "https://am-2.svc:443/custom/alerts"),
                        List.of()),
                new Case("hashmod shards the Alertmanagers (md5 mod 2: a, b -> 0, c -> 1)",
                        "{relabel_configs: [{source_labels: [__address__], modulus: 2, target_label: __tmp_hash, "
                                + "action: hashmod}, {source_labels: [__tmp_hash], regex: '0', action: keep}]}",
                        List.of(Map.of("__address__", "a:1"), Map.of("__address__", "b:1"),
                                Map.of("__address__", "c:1")), Map.of(),
                        List.of("http://a:1/api/v2/alerts", "http://b:1/api/v2/alerts"),
                        List.of("http://c:1/api/v2/alerts")),
                new Case("no targets", "{static_configs: []}", List.of(), Map.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fromGroup(Case c) {
        AlertmanagerSet set = new AlertmanagerSet(entry(c.entry()), LabelNames.UTF8);
        AlertmanagerSet.Discovered d = set.fromGroup(new TargetGroup("g", c.targets(), c.groupLabels()));
        assertThat(d.active()).extracting(t -> t.url().toString()).containsExactlyElementsOf(c.active());
        assertThat(d.dropped()).containsExactlyElementsOf(c.dropped());
    }

    @Test
    void anAddressWithASlashIsRefused() {
        AlertmanagerSet set = new AlertmanagerSet(entry("{static_configs: []}"), LabelNames.UTF8);
        assertThatThrownBy(() -> set.fromGroup(new TargetGroup("g", List.of(Map.of("__address__",
                "http://am:9093")), Map.of()))).hasMessage("\"http://am:9093\" is not a valid hostname");
    }

    @Test
    void syncDeduplicatesSkipsBadGroupsAndReplacesEverything() {
        AlertmanagerSet set = new AlertmanagerSet(entry("{relabel_configs: [{source_labels: [__address__], "
                + "regex: 'x:.*', action: drop}]}"), LabelNames.UTF8);
        set.sync(List.of(
                new TargetGroup("a", List.of(Map.of("__address__", "am-1:9093"), Map.of("__address__", "x:1")),
                        Map.of()),
                new TargetGroup("b", List.of(Map.of("__address__", "am-1:9093"), Map.of("__address__", "am-2:9093")),
                        Map.of()),
                new TargetGroup("bad", List.of(Map.of("__address__", "am-3:9093"), Map.of("__address__", "a/b")),
                        Map.of())));
        assertThat(set.active()).extracting(t -> t.url().toString())
                .containsExactly("http://am-1:9093/api/v2/alerts", "http://am-2:9093/api/v2/alerts");
        assertThat(set.dropped()).containsExactly("http://x:1/api/v2/alerts");
        set.sync(List.of());
        assertThat(set.active()).isEmpty();
        assertThat(set.dropped()).isEmpty();
    }

    @Test
    void timeoutAndHttpSettingsComeFromTheEntry() {
        AlertmanagerSet set = new AlertmanagerSet(entry("{timeout: 3s, basic_auth: {username: u, password: p}}"),
                LabelNames.UTF8);
        AlertmanagerTarget t = set.fromGroup(new TargetGroup("g", List.of(Map.of("__address__", "am:1")),
                Map.of())).active().get(0);
        assertThat(t.timeoutMs()).isEqualTo(3000);
        assertThat(t.http().basicAuth().username()).isEqualTo("u");
    }

    private static Map<String, List<TargetGroup>> groups(String set, String... addresses) {
        List<Map<String, String>> targets = new java.util.ArrayList<>();
        for (String a : addresses) {
            targets.add(Map.of("__address__", a));
        }
        return Map.of(set, List.of(new TargetGroup("static/0", targets, Map.of())));
    }

    @Test
    void reloadKeepsTheAlertmanagersOfUnchangedEntriesAndDropsTheRest() {
        NotifierMetrics m = new NotifierMetrics();
        Notifier n = new Notifier(10, m);
        String kept = "{path_prefix: /kept}";
        String changed = "{path_prefix: /old, relabel_configs: [{source_labels: [__address__], regex: 'gone:.*', "
                + "action: drop}]}";
        n.applyConfig(alerting(kept, changed), Map.of());
        n.sync(groups("config-0", "a:1"));
        n.sync(groups("config-1", "b:1", "gone:1"));
        assertThat(n.alertmanagers()).extracting(t -> t.url().toString())
                .containsExactly("http://a:1/kept/api/v2/alerts", "http://b:1/old/api/v2/alerts");
        assertThat(n.droppedAlertmanagers()).containsExactly("http://gone:1/old/api/v2/alerts");
        assertThat(m.value("prometheus_notifications_alertmanagers_discovered", "")).isEqualTo(2);

        // The kept entry moves to index 1; the changed one waits for discovery, as in Prometheus.
        n.applyConfig(alerting("{path_prefix: /new}", kept), Map.of());
        assertThat(n.alertmanagers()).extracting(t -> t.url().toString())
                .containsExactly("http://a:1/kept/api/v2/alerts");
        assertThat(n.droppedAlertmanagers()).isEmpty();
        assertThat(m.value("prometheus_notifications_alertmanagers_discovered", "")).isEqualTo(1);

        n.sync(Map.of("config-0", List.of(new TargetGroup("static/0", List.of(Map.of("__address__", "c:1")),
                Map.of())), "config-9", List.of()));
        assertThat(n.alertmanagers()).extracting(t -> t.url().toString())
                .containsExactly("http://c:1/new/api/v2/alerts", "http://a:1/kept/api/v2/alerts");
    }
}
