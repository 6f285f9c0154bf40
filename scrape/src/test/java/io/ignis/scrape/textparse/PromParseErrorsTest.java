package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed Prometheus text: each input must fail with exactly Prometheus's message (model/textparse,
 * promparse_test.go) behind the line of the offending entry. Inputs are Latin-1 so {@code \u00ff} is the
 * byte 0xff.
 */
class PromParseErrorsTest {

    record Case(String name, String input, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("name only", "a",
                        "line 1: expected value after metric, got \"\\n\" (\"INVALID\") while parsing: \"a\\n\""),
                new Case("single-quoted value", "a{b='c'} 1\n",
                        "line 1: expected label value, got \"'\" (\"INVALID\") while parsing: \"a{b='\""),
                new Case("value missing at newline", "a{b=\n",
                        "line 1: expected label value, got \"\\n\" (\"INVALID\") while parsing: \"a{b=\\n\""),
                new Case("invalid byte as label name", "a{\u00ff=\"foo\"} 1\n",
                        "line 1: expected label name, got \"\\xff\" (\"INVALID\") while parsing: \"a{\\xff\""),
                new Case("invalid UTF-8 label value", "a{b=\"\u00ff\"} 1\n",
                        "line 1: invalid UTF-8 label value: \"\\\"\\xff\\\"\""),
                new Case("quoted name then broken label", "{\"a\", \"b = \"c\"}",
                        "line 1: expected equal, got \"c\\\"\" (\"LNAME\") while parsing: "
                                + "\"{\\\"a\\\", \\\"b = \\\"c\\\"\""),
                new Case("backslash in label name", "{\"a\",b\\nc=\"d\"} 1",
                        "line 1: expected equal, got \"\\\\\" (\"INVALID\") while parsing: \"{\\\"a\\\",b\\\\\""),
                new Case("word as value", "a true\n",
                        "line 1: strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: \"a true\""),
                new Case("unterminated value", "something_weird{problem=\"",
                        "line 1: expected label value, got \"\\\"\\n\" (\"INVALID\") while parsing: "
                                + "\"something_weird{problem=\\\"\\n\""),
                new Case("empty label name", "empty_label_name{=\"\"} 0",
                        "line 1: expected label name, got \"=\\\"\" (\"EQUAL\") while parsing: "
                                + "\"empty_label_name{=\\\"\""),
                new Case("bare identifier in braces", "{A}0",
                        "line 1: expected equal, got \"}0\" (\"BCLOSE\") while parsing: \"{A}0\""),
                new Case("underscore in value", "foo 1_2\n",
                        "line 1: unsupported character in float while parsing: \"foo 1_2\""),
                new Case("hex float", "foo 0x1p-3\n",
                        "line 1: unsupported character in float while parsing: \"foo 0x1p-3\""),
                new Case("hex float upper P", "foo 0x1P-3\n",
                        "line 1: unsupported character in float while parsing: \"foo 0x1P-3\""),
                new Case("underscore in timestamp", "foo 0 1_2\n",
                        "line 1: expected next entry after timestamp, got \"_\" (\"INVALID\") while parsing: "
                                + "\"foo 0 1_\""),
                new Case("no metric name", "{a=\"ok\"} 1",
                        "line 1: metric name not set while parsing: \"{a=\\\"ok\\\"} 1\""),
                new Case("TYPE without name", "# TYPE #\n#EOF\n",
                        "line 1: expected metric name after TYPE, got \"#\" (\"INVALID\") while parsing: \"# TYPE #\""),
                new Case("HELP without name", "# HELP #\n#EOF\n",
                        "line 1: expected metric name after HELP, got \"#\" (\"INVALID\") while parsing: \"# HELP #\""),
                new Case("NUL before label value", "a{b=\u0000\"ssss\"} 1\n",
                        "line 1: expected label value, got \"\\x00\" (\"INVALID\") while parsing: \"a{b=\\x00\""),
                new Case("NUL in unterminated value", "a{b=\"\u0000",
                        "line 1: expected label value, got \"\\\"\\x00\\n\" (\"INVALID\") while parsing: "
                                + "\"a{b=\\\"\\x00\\n\""),
                new Case("NUL in label name", "a{b\u0000=\"hiih\"}\t1",
                        "line 1: expected equal, got \"\\x00\" (\"INVALID\") while parsing: \"a{b\\x00\""),
                new Case("NUL after metric name", "a\u0000{b=\"ddd\"} 1",
                        "line 1: expected value after metric, got \"\\x00\" (\"INVALID\") while parsing: \"a\\x00\""),
                new Case("NUL after timestamp", "a 0 1\u0000",
                        "line 1: expected next entry after timestamp, got \"\\x00\" (\"INVALID\") while parsing: "
                                + "\"a 0 1\\x00\""),
                new Case("value where label expected, line 3", "a 1\nb 2\nc{d=\"e\" 3\n",
                        "line 3: expected label name, got \"3\" (\"INVALID\") while parsing: \"c{d=\\\"e\\\" 3\""),
                new Case("unknown type", "ok 1\n# TYPE x foo\n",
                        "line 2: invalid metric type \"foo\""),
                new Case("type with trailing word", "# TYPE x counter extra\n",
                        "line 1: invalid metric type \"counter extra\""),
                new Case("help not UTF-8", "# HELP x \u00ff\n",
                        "line 1: help text \"\\xff\" is not a valid utf8 string"),
                new Case("negative timestamp", "x 1 -5\n",
                        "line 1: expected timestamp or new record, got \"-\" (\"INVALID\") while parsing: \"x 1 -\""),
                new Case("value out of range", "x 1e400\n",
                        "line 1: strconv.ParseFloat: parsing \"1e400\": value out of range while parsing: \"x 1e400\""),
                new Case("timestamp out of range", "x 1 99999999999999999999\n",
                        "line 1: strconv.ParseInt: parsing \"99999999999999999999\": value out of range while parsing: "
                                + "\"x 1 99999999999999999999\""),
                new Case("metric name twice", "x{\"a\",\"b\"} 1\n",
                        "line 1: metric name already set while parsing: \"x{\\\"a\\\",\""),
                new Case("second timestamp", "x 1 2 3\n",
                        "line 1: expected next entry after timestamp, got \"3\\n\" (\"TIMESTAMP\") while parsing: "
                                + "\"x 1 2 3\\n\""),
                new Case("hex without exponent", "x 0x10\n",
                        "line 1: strconv.ParseFloat: parsing \"0x10\": invalid syntax while parsing: \"x 0x10\""),
                new Case("brace as value", "x{a=\"b\"}} 1\n",
                        "line 1: strconv.ParseFloat: parsing \"}\": invalid syntax while parsing: \"x{a=\\\"b\\\"}}\""),
                new Case("after blank lines, line 4", "x 1\n\n\n  y\n",
                        "line 4: expected value after metric, got \"\\n\" (\"INVALID\") while parsing: \"  y\\n\""),
                new Case("partial infinity", "x infin\n",
                        "line 1: strconv.ParseFloat: parsing \"infin\": invalid syntax while parsing: \"x infin\""),
                new Case("signed nan", "x +NaN\n",
                        "line 1: strconv.ParseFloat: parsing \"+NaN\": invalid syntax while parsing: \"x +NaN\""),
                new Case("label name twice", "ok 1\nx{a=\"1\",a=\"2\"} 1\n",
                        "line 2: label name \"a\" is not unique: invalid sample"),
                new Case("metric name twice through __name__", "x{__name__=\"y\"} 1\n",
                        "line 1: label name \"__name__\" is not unique: invalid sample"),
                new Case("exponent without digits", "x 1e\n",
                        "line 1: strconv.ParseFloat: parsing \"1e\": invalid syntax while parsing: \"x 1e\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithPrometheusMessageAndLine(Case c) {
        byte[] b = c.input().getBytes(StandardCharsets.ISO_8859_1);
        Parser p = new PromParser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        assertThatThrownBy(() -> {
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                if (e == Entry.SERIES) {
                    p.labels(lb);
                }
            }
        }).isInstanceOf(ExpositionException.class).hasMessage(c.want());
    }
}
