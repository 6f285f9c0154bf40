package io.ignis.scrape.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.LabelNames;
import io.ignis.config.RelabelAction;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.labels.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Prometheus's relabel_test.go cases, and one or more per action, as our own table. */
class RelabelerTest {

    record Case(String name, Labels input, List<RelabelConfig> rules, Labels want, String scheme) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, Labels input, Labels want, RelabelConfig... rules) {
        return new Case(name, input, List.of(rules), want, LabelNames.UTF8);
    }

    static RelabelConfig rule(RelabelAction action, String sources, String regex, String target, String replacement) {
        List<String> src = sources.isEmpty() ? List.of() : Arrays.asList(sources.split(","));
        return new RelabelConfig(src, ";", RelabelRegex.compile(regex), 0, target, replacement, action);
    }

    static RelabelConfig hashmod(String sources, String target, long modulus) {
        return new RelabelConfig(List.of(sources.split(",")), ";", RelabelRegex.DEFAULT, modulus, target, "$1",
                RelabelAction.HASHMOD);
    }

    static Labels l(String... pairs) {
        return Labels.of(pairs);
    }

    static final Labels DROPPED = null;

    static Stream<Case> cases() {
        Labels abc = l("a", "foo", "b", "bar", "c", "baz");
        Labels ports = l("__tmp_port", "1234", "__port1", "1234", "__port2", "5678");
        return Stream.of(
                c("replace with ${1} twice", abc, l("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo"),
                        rule(RelabelAction.REPLACE, "a", "f(.*)", "d", "ch${1}-ch${1}")),
                c("replace chained over two sources", abc, l("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"),
                        rule(RelabelAction.REPLACE, "a,b", "f(.*);(.*)r", "a", "b${1}${2}m"),
                        rule(RelabelAction.REPLACE, "c,a", "(b).*b(.*)ba(.*)", "d", "$1$2$2$3")),
                c("drop stops before later rules", l("a", "foo"), DROPPED,
                        rule(RelabelAction.DROP, "a", ".*o.*", "", "$1"),
                        rule(RelabelAction.REPLACE, "a", "f(.*)", "d", "ch$1-ch$1")),
                c("drop on match", l("a", "foo", "b", "bar"), DROPPED, rule(RelabelAction.DROP, "a", ".*o.*", "", "")),
                c("replace inner group", l("a", "abc"), l("a", "abc", "d", "b"),
                        rule(RelabelAction.REPLACE, "a", ".*(b).*", "d", "$1")),
                c("drop without match keeps", l("a", "foo"), l("a", "foo"),
                        rule(RelabelAction.DROP, "a", "no-match", "", "")),
                c("drop regex is anchored", l("a", "foo"), l("a", "foo"), rule(RelabelAction.DROP, "a", "f|o", "", "")),
                c("keep without match drops", l("a", "foo"), DROPPED, rule(RelabelAction.KEEP, "a", "no-match", "", "")),
                c("keep on match", l("a", "foo"), l("a", "foo"), rule(RelabelAction.KEEP, "a", "f.*", "", "")),
                c("no replacement without match", l("a", "boo"), l("a", "boo"),
                        rule(RelabelAction.REPLACE, "a", "f", "b", "bar")),
                c("blank replacement deletes", l("a", "foo", "f", "baz"), l("a", "foo"),
                        rule(RelabelAction.REPLACE, "a", "(f).*", "$1", "$2")),
                c("hashmod", abc, l("a", "foo", "b", "bar", "c", "baz", "d", "976"), hashmod("c", "d", 1000)),
                c("hashmod over newline", l("a", "foo\nbar"), l("a", "foo\nbar", "b", "734"), hashmod("a", "b", 1000)),
                c("labelmap", l("a", "foo", "b1", "bar", "b2", "baz"),
                        l("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"),
                        rule(RelabelAction.LABELMAP, "", "(b.*)", "", "bar_${1}")),
                c("labelmap meta", l("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc"),
                        l("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc",
                                "my_bar", "aaa", "my_baz", "bbb"),
                        rule(RelabelAction.LABELMAP, "", "__meta_(my.*)", "", "${1}")),
                c("target label from a group", l("a", "some-name-value"), l("a", "some-name-value", "name", "value"),
                        rule(RelabelAction.REPLACE, "a", "some-([^-]+)-([^,]+)", "${1}", "${2}")),
                c("missing group in replacement deletes nothing", l("a", "some-name-value"), l("a", "some-name-value"),
                        rule(RelabelAction.REPLACE, "a", "some-([^-]+)-([^,]+)", "${1}", "${3}")),
                c("missing group as target is invalid", l("a", "some-name-0"), l("a", "some-name-0"),
                        rule(RelabelAction.REPLACE, "a", "some-([^-]+)-([^,]+)", "${3}", "${1}"),
                        rule(RelabelAction.REPLACE, "a", "some-([^-]+)(-[^,]+)", "${3}", "${1}")),
                c("real-life tags", l("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar"),
                        l("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar", "__metrics_path__", "/secret",
                                "job", "some-job", "foo", "bar"),
                        rule(RelabelAction.REPLACE, "__meta_sd_tags", "(?:.+,|^)path:(/[^,]+).*", "__metrics_path__",
                                "${1}"),
                        rule(RelabelAction.REPLACE, "__meta_sd_tags", "(?:.+,|^)job:([^,]+).*", "job", "${1}"),
                        rule(RelabelAction.REPLACE, "__meta_sd_tags", "(?:.+,|^)label:([^=]+)=([^,]+).*", "${1}",
                                "${2}")),
                c("issue 12283: labeldrop then replace then keep",
                        l("__meta_kubernetes_pod_container_port_name", "foo",
                                "__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091"),
                        l("__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091",
                                "__meta_kubernetes_pod_container_port_name", "metrics"),
                        rule(RelabelAction.LABELDROP, "", "^__meta_kubernetes_pod_container_port_name$", "", ""),
                        rule(RelabelAction.REPLACE, "__meta_kubernetes_pod_annotation_XXX_metrics_port", "(.+)",
                                "__meta_kubernetes_pod_container_port_name", "metrics"),
                        rule(RelabelAction.KEEP, "__meta_kubernetes_pod_container_port_name", "^metrics$", "", "")),
                c("labelkeep", l("a", "foo", "b1", "bar", "b2", "baz"), l("b1", "bar", "b2", "baz"),
                        rule(RelabelAction.LABELKEEP, "", "(b.*)", "", "")),
                c("labeldrop", l("a", "foo", "b1", "bar", "b2", "baz"), l("a", "foo"),
                        rule(RelabelAction.LABELDROP, "", "(b.*)", "", "")),
                c("upper and lower case", l("foo", "bAr123Foo"),
                        l("foo", "bAr123Foo", "foo_lowercase", "bar123foo", "foo_uppercase", "BAR123FOO"),
                        rule(RelabelAction.UPPERCASE, "foo", "(.*)", "foo_uppercase", "$1"),
                        rule(RelabelAction.LOWERCASE, "foo", "(.*)", "foo_lowercase", "$1")),
                c("keepequal equal keeps", ports, ports, rule(RelabelAction.KEEPEQUAL, "__tmp_port", "(.*)", "__port1",
                        "")),
                c("dropequal equal drops", ports, DROPPED, rule(RelabelAction.DROPEQUAL, "__tmp_port", "(.*)",
                        "__port1", "")),
                c("dropequal different keeps", ports, ports, rule(RelabelAction.DROPEQUAL, "__tmp_port", "(.*)",
                        "__port2", "")),
                c("keepequal different drops", ports, DROPPED, rule(RelabelAction.KEEPEQUAL, "__tmp_port", "(.*)",
                        "__port2", "")),
                c("dot matches newline", l("a", "line1\nline2", "b", "bar", "c", "baz"),
                        l("a", "line1\nline2", "b", "bar", "c", "baz", "d", "match"),
                        rule(RelabelAction.REPLACE, "a", "line1.*line2", "d", "match${1}")),
                c("utf-8 source label", l("utf-8.label", "line1\nline2", "b", "bar"),
                        l("utf-8.label", "line1\nline2", "b", "bar", "d", "match"),
                        rule(RelabelAction.REPLACE, "utf-8.label", "line1.*line2", "d", "match${1}")),
                c("utf-8 target label", l("a", "line1\nline2"), l("a", "line1\nline2", "utf-8.label", "match"),
                        rule(RelabelAction.REPLACE, "a", "line1.*line2", "utf-8.label", "match${1}")),
                c("utf-8 target label with missing variable", l("a", "line1\nline2"),
                        l("a", "line1\nline2", "utf-8.label", "match"),
                        rule(RelabelAction.REPLACE, "a", "line1.*line2", "utf-8.label${1}", "match${1}")),
                c("named groups in both styles", l("a", "line1\nline2"),
                        l("a", "line1\nline2", "label1_line1", "val_line2", "label2_line1", "val_line2"),
                        rule(RelabelAction.REPLACE, "a", "(line1).*(?P<second>line2)", "label1_${1}", "val_${second}"),
                        rule(RelabelAction.REPLACE, "a", "(line1).*(?P<second>line2)", "label2_$1", "val_$second")),
                c("$1x names group 1x, which is empty", l("a", "foo"), l("a", "foo", "b", "-"),
                        rule(RelabelAction.REPLACE, "a", "(f)oo", "b", "$1x-")),
                c("$$ is a literal dollar", l("a", "foo"), l("a", "foo", "b", "$f"),
                        rule(RelabelAction.REPLACE, "a", "(f)oo", "b", "$$$1")),
                c("empty source with default regex sets literal", l("a", "foo"), l("a", "foo", "b", "x"),
                        rule(RelabelAction.REPLACE, "missing", "(.*)", "b", "x")),
                c("replace into existing label", l("a", "foo", "b", "old"), l("a", "foo", "b", "foo"),
                        rule(RelabelAction.REPLACE, "a", "(.*)", "b", "$1")),
                c("separator joins missing labels as empty", l("a", "foo"), l("a", "foo", "j", "foo;"),
                        rule(RelabelAction.REPLACE, "a,none", "(.*)", "j", "$1")),
                new Case("legacy scheme rejects a dotted target", l("a", "foo"),
                        List.of(rule(RelabelAction.REPLACE, "a", "(.*)", "x.y", "$1")), l("a", "foo"),
                        LabelNames.LEGACY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relabels(Case tc) {
        Labels got = Relabeler.compile(tc.rules(), tc.scheme()).process(tc.input());
        if (tc.want() == null) {
            assertThat(got).as("dropped").isNull();
        } else {
            assertThat(got).isEqualTo(tc.want());
        }
    }
}
