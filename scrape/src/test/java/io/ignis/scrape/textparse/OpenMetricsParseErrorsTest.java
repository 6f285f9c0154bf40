package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed OpenMetrics: each input must fail with exactly Prometheus's message (model/textparse,
 * openmetricsparse_test.go) behind the line of the offending entry. Inputs are Latin-1.
 */
class OpenMetricsParseErrorsTest {

    record Case(String name, String input, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty input", "", "line 1: data does not end with # EOF"),
                new Case("blank line", "\n",
                        "line 1: expected a valid start token, got \"\\n\" (\"INVALID\") while parsing: \"\\n\""),
                new Case("name at end of input", "metric",
                        "line 1: expected value after metric, got \"metric\" (\"EOF\") while parsing: \"metric\""),
                new Case("no EOF after sample", "metric 1", "line 1: data does not end with # EOF"),
                new Case("no EOF after line", "metric 1\n", "line 2: data does not end with # EOF"),
                new Case("no EOF after exemplar", "metric_total 1 # {aa=\"bb\"} 4",
                        "line 1: data does not end with # EOF"),
                new Case("name then newline", "a\n#EOF\n",
                        "line 1: expected value after metric, got \"\\n\" (\"INVALID\") while parsing: \"a\\n\""),
                new Case("two blank lines", "\n\n#EOF\n",
                        "line 1: expected a valid start token, got \"\\n\" (\"INVALID\") while parsing: \"\\n\""),
                new Case("leading space", " a 1\n#EOF\n",
                        "line 1: expected a valid start token, got \" \" (\"INVALID\") while parsing: \" \""),
                new Case("digit first", "9\n#EOF\n",
                        "line 1: expected a valid start token, got \"9\" (\"INVALID\") while parsing: \"9\""),
                new Case("untyped is not OpenMetrics", "# TYPE u untyped\n#EOF\n",
                        "line 1: invalid metric type \"untyped\""),
                new Case("type with trailing space", "# TYPE c counter \n#EOF\n",
                        "line 1: invalid metric type \"counter \""),
                new Case("two spaces after hash", "#  TYPE c counter\n#EOF\n",
                        "line 1: expected a valid start token, got \"#  \" (\"INVALID\") while parsing: \"#  \""),
                new Case("TYPE without name", "# TYPE \n#EOF\n",
                        "line 1: expected metric name after TYPE, got \"\\n\" (\"INVALID\") while parsing: "
                                + "\"# TYPE \\n\""),
                new Case("TYPE without text", "# TYPE m\n#EOF\n", "line 1: expected text in TYPE"),
                new Case("unit not a suffix", "# UNIT metric suffix\n#EOF\n",
                        "line 1: unit \"suffix\" not a suffix of metric \"metric\""),
                new Case("unit suffix without underscore", "# UNIT metricsuffix suffix\n#EOF\n",
                        "line 1: unit \"suffix\" not a suffix of metric \"metricsuffix\""),
                new Case("unit longer than name", "# UNIT m suffix\n#EOF\n",
                        "line 1: unit \"suffix\" not a suffix of metric \"m\""),
                new Case("UNIT without name", "# UNIT \n#EOF\n",
                        "line 1: expected metric name after UNIT, got \"\\n\" (\"INVALID\") while parsing: "
                                + "\"# UNIT \\n\""),
                new Case("UNIT without text", "# UNIT m\n#EOF\n", "line 1: expected text in UNIT"),
                new Case("HELP without name", "# HELP \n#EOF\n",
                        "line 1: expected metric name after HELP, got \"\\n\" (\"INVALID\") while parsing: "
                                + "\"# HELP \\n\""),
                new Case("HELP without text", "# HELP m\n#EOF\n", "line 1: expected text in HELP"),
                new Case("tab separator", "a\t1\n#EOF\n",
                        "line 1: expected value after metric, got \"\\t\" (\"INVALID\") while parsing: \"a\\t\""),
                new Case("tab inside value", "a 1\t2\n#EOF\n",
                        "line 1: strconv.ParseFloat: parsing \"1\\t2\": invalid syntax while parsing: \"a 1\\t2\""),
                new Case("trailing space", "a 1 2 \n#EOF\n",
                        "line 1: expected next entry after timestamp, got \" \\n\" (\"INVALID\") while parsing: "
                                + "\"a 1 2 \\n\""),
                new Case("hash after timestamp", "a 1 2 #\n#EOF\n",
                        "line 1: expected next entry after timestamp, got \" #\\n\" (\"TIMESTAMP\") while parsing: "
                                + "\"a 1 2 #\\n\""),
                new Case("bad timestamp", "a 1 1z\n#EOF\n",
                        "line 1: strconv.ParseFloat: parsing \"1z\": invalid syntax while parsing: \"a 1 1z\""),
                new Case("space before EOF", " # EOF\n",
                        "line 1: expected a valid start token, got \" \" (\"INVALID\") while parsing: \" \""),
                new Case("sample after EOF", "# EOF\na 1", "line 1: unexpected data after # EOF"),
                new Case("blank line after EOF", "# EOF\n\n", "line 1: unexpected data after # EOF"),
                new Case("EOF glued to data", "# EOFa 1", "line 1: unexpected data after # EOF"),
                new Case("tab after hash", "#\tTYPE c counter\n",
                        "line 1: expected a valid start token, got \"#\\t\" (\"INVALID\") while parsing: \"#\\t\""),
                new Case("two spaces before type", "# TYPE c  counter\n",
                        "line 1: invalid metric type \" counter\""),
                new Case("three numbers", "a 1 1 1\n# EOF\n",
                        "line 1: expected next entry after timestamp, got \" 1\\n\" (\"TIMESTAMP\") while parsing: "
                                + "\"a 1 1 1\\n\""),
                new Case("single-quoted value", "a{b='c'} 1\n# EOF\n",
                        "line 1: expected label value, got \"'\" (\"INVALID\") while parsing: \"a{b='\""),
                new Case("leading comma", "a{,b=\"c\"} 1\n# EOF\n",
                        "line 1: expected label name, got \",b\" (\"COMMA\") while parsing: \"a{,b\""),
                new Case("missing comma", "a{b=\"c\"d=\"e\"} 1\n# EOF\n",
                        "line 1: expected comma or brace close, got \"d=\" (\"LNAME\") while parsing: "
                                + "\"a{b=\\\"c\\\"d=\""),
                new Case("double comma", "a{b=\"c\",,d=\"e\"} 1\n# EOF\n",
                        "line 1: expected label name, got \",d\" (\"COMMA\") while parsing: \"a{b=\\\"c\\\",,d\""),
                new Case("value missing at newline", "a{b=\n# EOF\n",
                        "line 1: expected label value, got \"\\n\" (\"INVALID\") while parsing: \"a{b=\\n\""),
                new Case("invalid byte as label name", "a{\u00ff=\"foo\"} 1\n# EOF\n",
                        "line 1: expected label name, got \"\\xff\" (\"INVALID\") while parsing: \"a{\\xff\""),
                new Case("invalid UTF-8 label value", "a{b=\"\u00ff\"} 1\n# EOF\n",
                        "line 1: invalid UTF-8 label value: \"\\\"\\xff\\\"\""),
                new Case("quoted name then broken label", "{\"a\",\"b = \"c\"}\n# EOF\n",
                        "line 1: expected equal, got \"c\\\"\" (\"LNAME\") while parsing: "
                                + "\"{\\\"a\\\",\\\"b = \\\"c\\\"\""),
                new Case("backslash in label name", "{\"a\",b\\nc=\"d\"} 1\n# EOF\n",
                        "line 1: expected equal, got \"\\\\\" (\"INVALID\") while parsing: \"{\\\"a\\\",b\\\\\""),
                new Case("word as value", "a true\n",
                        "line 1: strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: \"a true\""),
                new Case("unterminated value", "something_weird{problem=\"\n# EOF\n",
                        "line 1: expected label value, got \"\\\"\\n\" (\"INVALID\") while parsing: "
                                + "\"something_weird{problem=\\\"\\n\""),
                new Case("empty label name", "empty_label_name{=\"\"} 0\n# EOF\n",
                        "line 1: expected label name, got \"=\\\"\" (\"EQUAL\") while parsing: "
                                + "\"empty_label_name{=\\\"\""),
                new Case("bare identifier in braces", "{A}0\n# EOF\n",
                        "line 1: expected equal, got \"}0\" (\"BCLOSE\") while parsing: \"{A}0\""),
                new Case("underscore in value", "foo 1_2\n\n# EOF\n",
                        "line 1: unsupported character in float while parsing: \"foo 1_2\""),
                new Case("hex float", "foo 0x1p-3\n\n# EOF\n",
                        "line 1: unsupported character in float while parsing: \"foo 0x1p-3\""),
                new Case("underscore in timestamp", "foo 0 1_2\n\n# EOF\n",
                        "line 1: unsupported character in float while parsing: \"foo 0 1_2\""),
                new Case("exemplar value unquoted", "custom_metric_total 1 # {aa=bb}\n# EOF\n",
                        "line 1: expected label value, got \"b\" (\"INVALID\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=b\""),
                new Case("exemplar without value", "custom_metric_total 1 # {aa=\"bb\"}\n# EOF\n",
                        "line 1: expected value after exemplar labels, got \"\\n\" (\"INVALID\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\"}\\n\""),
                new Case("exemplar at end of input", "custom_metric_total 1 # {aa=\"bb\"}",
                        "line 1: expected value after exemplar labels, got \"}\" (\"EOF\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\"}\""),
                new Case("exemplar label without value", "custom_metric_total 1 # {bb}",
                        "line 1: expected equal, got \"}\" (\"BCLOSE\") while parsing: "
                                + "\"custom_metric_total 1 # {bb}\""),
                new Case("exemplar label then comma", "custom_metric_total 1 # {bb, a=\"dd\"}",
                        "line 1: expected equal, got \", \" (\"COMMA\") while parsing: "
                                + "\"custom_metric_total 1 # {bb, \""),
                new Case("exemplar double comma", "custom_metric_total 1 # {aa=\"bb\",,cc=\"dd\"} 1",
                        "line 1: expected label name, got \",c\" (\"COMMA\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\",,c\""),
                new Case("exemplar value underscore", "custom_metric_total 1 # {aa=\"bb\"} 1_2",
                        "line 1: unsupported character in float while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\"} 1_2\""),
                new Case("exemplar value word", "custom_metric_total 1 # {aa=\"bb\"} true",
                        "line 1: strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\"} true\""),
                new Case("exemplar empty label value", "custom_metric_total 1 # {aa=\"bb\",cc=}",
                        "line 1: expected label value, got \"}\" (\"INVALID\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\"bb\\\",cc=}\""),
                new Case("exemplar escaped quote outside string", "custom_metric_total 1 # {aa=\\\"\u00ff\\\"} 9.0",
                        "line 1: expected label value, got \"\\\\\" (\"INVALID\") while parsing: "
                                + "\"custom_metric_total 1 # {aa=\\\\\""),
                new Case("no metric name", "{b=\"c\",} 1",
                        "line 1: metric name not set while parsing: \"{b=\\\"c\\\",} 1\""),
                new Case("NaN timestamp", "a 1 NaN", "line 1: invalid timestamp NaN"),
                new Case("-Inf timestamp", "a 1 -Inf", "line 1: invalid timestamp -Inf"),
                new Case("Inf timestamp", "a 1 Inf", "line 1: invalid timestamp +Inf"),
                new Case("NaN exemplar timestamp",
                        "# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 NaN",
                        "line 2: invalid exemplar timestamp NaN"),
                new Case("-Inf exemplar timestamp",
                        "# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 -Inf",
                        "line 2: invalid exemplar timestamp -Inf"),
                new Case("NUL before label value", "a{b=\u0000\"ssss\"} 1\n# EOF\n",
                        "line 1: expected label value, got \"\\x00\" (\"INVALID\") while parsing: \"a{b=\\x00\""),
                new Case("NUL in unterminated value", "a{b=\"\u0000",
                        "line 1: expected label value, got \"\\\"\\x00\" (\"INVALID\") while parsing: "
                                + "\"a{b=\\\"\\x00\""),
                new Case("lone hash", "#",
                        "line 1: expected a valid start token, got \"#\" (\"INVALID\") while parsing: \"#\""),
                new Case("truncated HELP", "# H",
                        "line 1: expected a valid start token, got \"# H\" (\"INVALID\") while parsing: \"# H\""),
                new Case("NUL in exemplar value", "custom_metric_total 1 # {b=\"\u0000ss\"} 1\n",
                        "line 1: expected label value, got \"\\\"\\x00\" (\"INVALID\") while parsing: "
                                + "\"custom_metric_total 1 # {b=\\\"\\x00\""),
                new Case("comment line, line 3", "a 1\nb 2\n# just a comment\n# EOF\n",
                        "line 3: expected a valid start token, got \"# j\" (\"INVALID\") while parsing: \"# j\""),
                new Case("metric name twice", "x{\"a\",\"b\"} 1\n# EOF\n",
                        "line 1: metric name already set while parsing: \"x{\\\"a\\\",\""),
                new Case("quoted exemplar label name as metric name", "a 1 # {\"x\"} 1\n# EOF\n",
                        "line 1: expected label name, got \"} \" (\"BCLOSE\") while parsing: \"a 1 # {\\\"x\\\"} \""),
                new Case("exemplar with two timestamps", "a 1 # {x=\"y\"} 1 2 3\n# EOF\n",
                        "line 1: expected next entry after exemplar timestamp, got \" 3\\n\" (\"TIMESTAMP\") "
                                + "while parsing: "
                                + ""
                                + "\"a 1 # {x=\\\"y\\\"} 1 2 3\\n\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithPrometheusMessageAndLine(Case c) {
        byte[] b = c.input().getBytes(StandardCharsets.ISO_8859_1);
        Parser p = new OpenMetricsParser(b, 0, b.length, true);
        assertThatThrownBy(() -> {
            while (p.next() != Entry.EOF) {
                p.createdTimestamp();
            }
        }).isInstanceOf(ExpositionException.class).hasMessage(c.want());
    }

    @ParameterizedTest
    @ValueSource(strings = {"# EOF", "# EOF\n", "a{b=\"\u0000ss\"} 1\n# EOF\n", "a{b=\"\u0000\"} 1\n# EOF"})
    void acceptsTheEnd(String input) {
        byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
        Parser p = new OpenMetricsParser(b, 0, b.length, true);
        Entry e = p.next();
        while (e != Entry.EOF) {
            e = p.next();
        }
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }
}
