package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.ConfigLoader;
import io.ignis.config.LabelNames;
import io.ignis.labels.Labels;
import io.ignis.scrape.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code alert_relabel_configs} over alerts, external labels added first, as Prometheus's relabelAlerts. */
class AlertRelabelTest {
    record Case(String name, String rules, Map<String, String> external, List<Labels> in, List<Labels> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Labels HIGH = Labels.of("alertname", "High", "severity", "page");
    private static final Labels LOW = Labels.of("alertname", "Low", "severity", "ticket", "cluster", "own");

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no rules: external labels only where missing", "[]", Map.of("cluster", "eu"),
                        List.of(HIGH, LOW), List.of(Labels.of("alertname", "High", "severity", "page", "cluster",
                                "eu"), LOW)),
                new Case("drop by severity", "[{source_labels: [severity], regex: ticket, action: drop}]", Map.of(),
                        List.of(HIGH, LOW), List.of(HIGH)),
                new Case("keep sees external labels", "[{source_labels: [cluster], regex: eu, action: keep}]",
                        Map.of("cluster", "eu"), List.of(HIGH, LOW),
                        List.of(Labels.of("alertname", "High", "severity", "page", "cluster", "eu"))),
                new Case("replace builds a label from two",
                        "[{source_labels: [alertname, severity], separator: '-', target_label: key}]", Map.of(),
                        List.of(HIGH), List.of(Labels.of("alertname", "High", "severity", "page", "key",
                                "High-page"))),
                new Case("labeldrop removes external labels too", "[{regex: cluster|severity, action: labeldrop}]",
                        Map.of("cluster", "eu"), List.of(HIGH, LOW), List.of(Labels.of("alertname", "High"),
                                Labels.of("alertname", "Low"))),
                new Case("labelmap copies", "[{regex: 'sever(.*)', replacement: 'level${1}', action: labelmap}]",
                        Map.of(), List.of(HIGH), List.of(Labels.of("alertname", "High", "severity", "page",
                                "levelity", "page"))),
                new Case("lowercase", "[{source_labels: [alertname], target_label: alertname, action: lowercase}]",
                        Map.of(), List.of(HIGH), List.of(Labels.of("alertname", "high", "severity", "page"))),
                new Case("replacing with empty deletes", "[{target_label: severity, replacement: ''}]", Map.of(),
                        List.of(HIGH), List.of(Labels.of("alertname", "High"))),
                new Case("drop everything", "[{regex: .*, action: drop}]", Map.of("cluster", "eu"),
                        List.of(HIGH, LOW), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relabel(Case c) {
        Relabeler r = Relabeler.compile(ConfigLoader.load("alerting:\n  alert_relabel_configs: " + c.rules() + "\n",
                "t.yml").alerting().alertRelabelConfigs(), LabelNames.UTF8);
        List<NotifierAlert> in = new ArrayList<>();
        for (Labels l : c.in()) {
            in.add(new NotifierAlert(l, Labels.of("summary", "s"), 1, 2, "g"));
        }
        List<NotifierAlert> out = AlertRelabel.apply(r, c.external(), in);
        assertThat(out).extracting(NotifierAlert::labels).containsExactlyElementsOf(c.want());
        for (NotifierAlert a : out) {
            assertThat(a.annotations()).isEqualTo(Labels.of("summary", "s"));
            assertThat(a.startsAt()).isEqualTo(1);
            assertThat(a.endsAt()).isEqualTo(2);
        }
    }
}
