package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-action relabel validation under both name validation schemes, one relabel rule per case. */
class RelabelConfigTest {
    /** {@code problem} null means the rule is accepted. */
    record Case(String name, String scheme, String rule, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("replace defaults", "utf8", "{source_labels: [a], target_label: b}", null),
                new Case("replace utf8 target", "utf8", "{source_labels: [a], target_label: 'b.c/d'}", null),
                new Case("replace legacy target", "legacy", "{source_labels: [a], target_label: 'b.c'}",
                        "\"b.c\" is invalid 'target_label' for replace action"),
                new Case("replace legacy target with vars", "legacy",
                        "{source_labels: [a], regex: '(.*)', target_label: 'x_${1}'}", null),
                new Case("replace legacy target with bad vars", "legacy",
                        "{source_labels: [a], target_label: '${1}-x'}",
                        "\"${1}-x\" is invalid 'target_label' for replace action"),
                new Case("replace utf8 target with vars", "utf8", "{source_labels: [a], target_label: '${1}-x'}",
                        null),
                new Case("keep", "utf8", "{source_labels: [a], regex: 'x|y', action: keep}", null),
                new Case("drop", "utf8", "{source_labels: [a], regex: 'x', action: drop}", null),
                new Case("action case-insensitive", "utf8", "{source_labels: [a], action: DROP}", null),
                new Case("keepequal", "utf8", "{source_labels: [a], target_label: b, action: keepequal}", null),
                new Case("keepequal separator", "utf8",
                        "{source_labels: [a], target_label: b, separator: ',', action: keepequal}",
                        "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
                new Case("dropequal modulus", "utf8",
                        "{source_labels: [a], target_label: b, modulus: 2, action: dropequal}",
                        "dropequal action requires only 'source_labels' and `target_label`, and no other fields"),
                new Case("dropequal legacy target", "legacy", "{source_labels: [a], target_label: 'b.c', "
                        + "action: dropequal}", "\"b.c\" is invalid 'target_label' for dropequal action"),
                new Case("hashmod", "utf8", "{source_labels: [a], modulus: 4, target_label: h, action: hashmod}",
                        null),
                new Case("hashmod without target", "utf8", "{source_labels: [a], modulus: 4, action: hashmod}",
                        "relabel configuration for hashmod action requires 'target_label' value"),
                new Case("hashmod legacy target", "legacy",
                        "{source_labels: [a], modulus: 4, target_label: 'h-1', action: hashmod}",
                        "\"h-1\" is invalid 'target_label' for hashmod action"),
                new Case("labelmap", "utf8", "{regex: '__meta_(.+)', action: labelmap}", null),
                new Case("labelmap legacy", "legacy", "{regex: '__meta_(.+)', replacement: 'm_$1', "
                        + "action: labelmap}", null),
                new Case("labeldrop", "utf8", "{regex: 'tmp_.*', action: labeldrop}", null),
                new Case("labeldrop separator", "utf8", "{regex: 'tmp_.*', separator: ',', action: labeldrop}",
                        "labeldrop action requires only 'regex', and no other fields"),
                new Case("labelkeep replacement", "utf8", "{regex: 'k', replacement: x, action: labelkeep}",
                        "labelkeep action requires only 'regex', and no other fields"),
                new Case("labelkeep modulus", "utf8", "{regex: 'k', modulus: 3, action: labelkeep}",
                        "labelkeep action requires only 'regex', and no other fields"),
                new Case("lowercase", "utf8", "{source_labels: [a], target_label: a, action: lowercase}", null),
                new Case("uppercase without target", "utf8", "{source_labels: [a], action: uppercase}",
                        "relabel configuration for uppercase action requires 'target_label' value"),
                new Case("uppercase legacy target", "legacy",
                        "{source_labels: [a], target_label: 'a.b', action: uppercase}",
                        "\"a.b\" is invalid 'target_label' for uppercase action"),
                new Case("empty source label", "utf8", "{source_labels: [''], target_label: b}",
                        "\"\" is not a valid label name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesPerAction(Case c) {
        String yaml = "global:\n  metric_name_validation_scheme: " + c.scheme() + "\n"
                + "scrape_configs:\n  - job_name: j\n    relabel_configs:\n      - " + c.rule() + "\n";
        if (c.problem() == null) {
            assertThat(ConfigLoader.load(yaml, "t.yml").scrapeConfigs().get(0).relabelConfigs()).hasSize(1);
        } else {
            assertThatThrownBy(() -> ConfigLoader.load(yaml, "t.yml"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).reason()).isEqualTo(c.problem()))
                    .satisfies(e -> assertThat(((ConfigException) e).path())
                            .startsWith("scrape_configs[0].relabel_configs[0]"));
        }
    }

    @Test
    void regexIsAnchoredAndDotMatchesNewlines() {
        RelabelRegex r = RelabelRegex.compile("a.c");

        assertThat(r.pattern().matcher("abc").matches()).isTrue();
        assertThat(r.pattern().matcher("a\nc").matches()).isTrue();
        assertThat(r.pattern().matcher("xabc").find()).isFalse();
        assertThat(r.pattern().matcher("abcx").find()).isFalse();
        assertThat(RelabelRegex.compile("a|b").pattern().matcher("ab").find()).isFalse();
        assertThat(r).isEqualTo(RelabelRegex.compile("a.c")).hasToString("a.c");
    }

    @Test
    void defaults() {
        RelabelConfig r = ConfigLoader.load("scrape_configs:\n  - job_name: j\n    relabel_configs:\n"
                + "      - {target_label: b}\n", "t.yml").scrapeConfigs().get(0).relabelConfigs().get(0);

        assertThat(r).isEqualTo(new RelabelConfig(List.of(), ";", RelabelRegex.DEFAULT, 0, "b", "$1",
                RelabelAction.REPLACE));
        assertThat(r.regex().source()).isEqualTo("(.*)");
    }

    @Test
    void perlClassesAreRe2() {
        assertThatThrownBy(() -> RelabelRegex.compile("(?<=a)b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("error parsing regexp: ");
    }
}
