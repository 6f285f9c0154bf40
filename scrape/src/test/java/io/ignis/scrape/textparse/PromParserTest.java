package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Behaviour of the Prometheus text parser beyond the golden stream: views, windows, NUL bytes. */
class PromParserTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} is {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "# HELP abc h|abc|true", "# HELP abc h|abd|false", "# HELP abc h|ab|false", "# HELP ab h|abc|false",
        "# TYPE \"a.b\" gauge|a.b|true", "# HELP \"a\\\\b\" h|a\\b|true", "# HELP \"a\\\"b\" h|a\"b|true",
        "# HELP \"a\\nb\" h|a\\nb|false", "# HELP \"a\\xb\" h|a\\xb|true", "# HELP \"grüße\" h|grüße|true"})
    void recognisesAFamilyByItsBytes(String line, String name, boolean want) {
        Parser p = new PromParser(bytes(line + "\n"), 0, bytes(line + "\n").length);
        p.next();
        assertThat(p.metricFamilyEquals(name, Parser.escapeName(name))).isEqualTo(want);
        assertThat(p.metricFamily().equals(name)).isEqualTo(want);
    }

    @Test
    void seriesIsAViewIntoTheInputWindow() {
        byte[] buf = bytes("GARBAGE{x=\"1\"} 9\nmetric{a=\"b\"} 1 123\nGARBAGE");
        int from = 17;
        int length = 20; // "metric{a=\"b\"} 1 123\n"
        Parser p = new PromParser(buf, from, length);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.seriesBuffer()).isSameAs(buf);
        assertThat(new String(buf, p.seriesStart(), p.seriesEnd() - p.seriesStart(), StandardCharsets.UTF_8))
                .isEqualTo("metric{a=\"b\"}");
        assertThat(p.value()).isEqualTo(1.0);
        assertThat(p.hasTimestamp()).isTrue();
        assertThat(p.timestamp()).isEqualTo(123);
        assertThat(p.next()).isEqualTo(Entry.EOF);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void aLastLineWithoutNewlineEndsAtTheWindow() {
        byte[] buf = bytes("a 1\nb 2 3trailing");
        Parser p = new PromParser(buf, 0, 9); // "a 1\nb 2 3"
        LabelsBuilder lb = new LabelsBuilder();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        p.labels(lb);
        assertThat(lb.build()).isEqualTo(Labels.of("__name__", "b"));
        assertThat(p.timestamp()).isEqualTo(3);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void nulBytesInLabelValuesAndHelpAreKept() {
        byte[] b = bytes("# HELP metric foo\u0000bar\nnull_byte_metric{a=\"abc\u0000\"} 1\na{b=\"\u0000ss\"} 1\n");
        Parser p = new PromParser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        assertThat(p.next()).isEqualTo(Entry.HELP);
        assertThat(p.help()).isEqualTo("foo\u0000bar");
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        p.labels(lb);
        assertThat(lb.build()).isEqualTo(Labels.of("__name__", "null_byte_metric", "a", "abc\u0000"));
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        p.labels(lb);
        assertThat(lb.build()).isEqualTo(Labels.of("__name__", "a", "b", "\u0000ss"));
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void aNulByteAtTheStartOfALineEndsTheInputAsInPrometheus() {
        byte[] b = bytes("a 1\n\u0000garbage that is never looked at {{{\n");
        Parser p = new PromParser(b, 0, b.length);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void quotedNamesMayHoldEscapesAndNewlines() {
        byte[] b = bytes("{\"Heizöl 10€ metric with \\\"interesting\\\" {character\\nchoices}\","
                + "\"strange©™\\n'quoted' \\\"name\\\"\"=\"6\"} 10.0\n");
        Parser p = new PromParser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        p.labels(lb);
        assertThat(lb.build()).isEqualTo(Labels.of(
                "__name__", "Heizöl 10€ metric with \"interesting\" {character\nchoices}",
                "strange©™\n'quoted' \"name\"", "6"));
    }

    @Test
    void typeOfLaterSamplesIsTheLastTypeSeen() {
        byte[] b = bytes("# TYPE h histogram\nh_bucket{le=\"5\"} 1\nother{le=\"5\"} 2\n# TYPE g gauge\ng 1\n");
        Parser p = new PromParser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(p.metricFamily()).isEqualTo("h");
        p.next();
        p.labels(lb);
        assertThat(lb.build().get("le")).isEqualTo("5.0");
        p.next();
        // As Prometheus (a known quirk): the histogram type carries over, so this le is normalised too.
        assertThat(p.type()).isEqualTo(MetricType.HISTOGRAM);
        p.labels(lb);
        assertThat(lb.build().get("le")).isEqualTo("5.0");
        p.next();
        p.next();
        assertThat(p.type()).isEqualTo(MetricType.GAUGE);
    }

    @Test
    void nanIsPrometheusNormalNaN() {
        byte[] b = bytes("a NaN\n");
        Parser p = new PromParser(b, 0, b.length);
        p.next();
        assertThat(Double.doubleToRawLongBits(p.value())).isEqualTo(0x7ff8000000000001L);
        assertThat(Arrays.copyOfRange(b, p.seriesStart(), p.seriesEnd())).isEqualTo(bytes("a"));
    }
}
