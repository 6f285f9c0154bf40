package io.ignis.config.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.ConfigException;
import io.ignis.config.yaml.Mark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFileLoaderTest {
    record Bad(String name, String scheme, String yaml, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("group name missing", "utf8", """
                        groups:
                          - rules: []
                        """, "r.yml:2:5: groups[0].name: Groupname must not be empty"),
                new Bad("group name repeated", "utf8", """
                        groups:
                          - name: a
                            rules: []
                          - name: a
                            rules: []
                        """, "r.yml:4:5: groups[1].name: groupname: \"a\" is repeated in the same file"),
                new Bad("record and alert", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: r
                                alert: A
                                expr: up
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"A\": only one of"
                        + " 'record' and 'alert' must be set"),
                new Bad("neither record nor alert", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: ok
                                expr: up
                              - expr: up
                        """, "r.yml:6:9: groups[0].rules[1]: group \"g\", rule 2, \"\": one of 'record' or"
                        + " 'alert' must be set"),
                new Bad("expr missing", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                        """, "r.yml:4:9: groups[0].rules[0].expr: group \"g\", rule 1, \"A\": field 'expr' must be set"
                        + " in rule"),
                new Bad("for on recording rule", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: r
                                expr: up
                                for: 5m
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"r\": invalid field"
                        + " 'for' in recording rule"),
                new Bad("keep_firing_for on recording rule", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: r
                                expr: up
                                keep_firing_for: 5m
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"r\": invalid field"
                        + " 'keep_firing_for' in recording rule"),
                new Bad("annotations on recording rule", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: r
                                expr: up
                                annotations:
                                  a: b
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"r\": invalid field"
                        + " 'annotations' in recording rule"),
                new Bad("legacy record name", "legacy", """
                        groups:
                          - name: g
                            rules:
                              - record: job-rate
                                expr: up
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"job-rate\": invalid"
                        + " recording rule name: job-rate"),
                new Bad("braces in record name", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - record: up{job="a"}
                                expr: up
                        """, "r.yml:4:9: groups[0].rules[0].record: group \"g\", rule 1, \"up{job=\"a\"}\":"
                        + " braces present in the recording rule name; should it be in expr?: up{job=\"a\"}"),
                new Bad("__name__ label", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                labels:
                                  __name__: x
                        """, "r.yml:6:9: groups[0].rules[0].labels: group \"g\", rule 1, \"A\": invalid label"
                        + " name: __name__"),
                new Bad("legacy label name", "legacy", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                labels:
                                  a-b: x
                        """, "r.yml:6:9: groups[0].rules[0].labels: group \"g\", rule 1, \"A\": invalid label"
                        + " name: a-b"),
                new Bad("legacy annotation name", "legacy", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                annotations:
                                  run.book: x
                        """, "r.yml:6:9: groups[0].rules[0].annotations: group \"g\", rule 1, \"A\": invalid"
                        + " annotation name: run.book"),
                new Bad("group label __name__", "utf8", """
                        groups:
                          - name: g
                            labels:
                              __name__: x
                            rules: []
                        """, "r.yml:3:5: groups[0].labels: invalid label name: __name__"),
                new Bad("bad for duration", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                for: 5 minutes
                        """, "r.yml:6:14: groups[0].rules[0].for: unknown unit \" minutes\" in duration \"5"
                        + " minutes\""),
                new Bad("bad interval", "utf8", """
                        groups:
                          - name: g
                            interval: 1
                            rules: []
                        """, "r.yml:3:15: groups[0].interval: not a valid duration string: \"1\""),
                new Bad("unknown group field", "utf8", """
                        groups:
                          - name: g
                            evaluation_interval: 1m
                            rules: []
                        """, "r.yml:3:5: groups[0].evaluation_interval: field evaluation_interval not found in type"
                        + " rulefmt.RuleGroup"),
                new Bad("unknown rule field", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                severity: page
                        """, "r.yml:6:9: groups[0].rules[0].severity: field severity not found in type rulefmt.Rule"),
                new Bad("unknown top-level field", "utf8", """
                        group:
                          - name: g
                        """, "r.yml:1:1: group: field group not found in type rulefmt.RuleGroups"),
                new Bad("unclosed template action", "utf8", """
                        groups:
                          - name: g
                            rules:
                              - alert: A
                                expr: up
                                annotations:
                                  summary: "{{ $labels.instance }} is {{ $value"
                        """, "r.yml:6:9: groups[0].rules[0].annotations: group \"g\", rule 1, \"A\": annotation"
                        + " \"summary\": template: __alert_A:1: unclosed action"),
                new Bad("limit not an int", "utf8", """
                        groups:
                          - name: g
                            limit: many
                            rules: []
                        """, "r.yml:3:12: groups[0].limit: cannot unmarshal !!str `many` into int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejects(Bad c) {
        assertThatThrownBy(() -> RuleFileLoader.load(c.yaml(), "r.yml", c.scheme()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(c.message());
    }

    @Test
    void loadsGroupsAndRules(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("good.rules.yml");
        Files.copy(RuleFileLoaderTest.class.getClassLoader().getResourceAsStream("rules/good.rules.yml"), file);

        RuleFile f = RuleFileLoader.loadFile(file);

        assertThat(f.fileName()).isEqualTo(file.toString());
        assertThat(f.groups()).hasSize(2);
        RuleGroup node = f.groups().get(0);
        assertThat(node.name()).isEqualTo("node");
        assertThat(node.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(node.limit()).isEqualTo(10);
        assertThat(node.queryOffset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(node.labels()).isEqualTo(Map.of("team", "infra"));
        Rule record = node.rules().get(0);
        assertThat(record.isAlert()).isFalse();
        assertThat(record.name()).isEqualTo("job:node_cpu_seconds:rate5m");
        assertThat(record.expr()).isEqualTo("sum by (job) (rate(node_cpu_seconds_total[5m]))");
        assertThat(record.labels()).isEqualTo(Map.of("source", "recording"));
        assertThat(record.exprMark()).isEqualTo(new Mark(10, 15));
        Rule alert = node.rules().get(1);
        assertThat(alert.isAlert()).isTrue();
        assertThat(alert.alert()).isEqualTo("InstanceDown");
        assertThat(alert.expr()).isEqualTo("up == 0");
        assertThat(alert.forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(alert.keepFiringFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(alert.labels()).isEqualTo(Map.of("severity", "page"));
        assertThat(alert.annotations()).containsEntry("summary", "Instance {{ $labels.instance }} down");

        RuleGroup defaults = f.groups().get(1);
        assertThat(defaults.interval()).isZero();
        assertThat(defaults.queryOffset()).isNull();
        assertThat(defaults.limit()).isZero();
        assertThat(defaults.labels()).isEmpty();
        assertThat(defaults.rules()).extracting(Rule::name).containsExactly("utf8 metric name", "Always");
        assertThat(defaults.rules().get(0).expr()).isEqualTo("1");
        assertThat(defaults.rules().get(1).forDuration()).isZero();
    }

    @Test
    void emptyFileHasNoGroups() {
        assertThat(RuleFileLoader.load("", "empty.yml", "utf8").groups()).isEqualTo(List.of());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> RuleFileLoader.loadFile(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("open " + missing + ": no such file or directory");
    }
}
