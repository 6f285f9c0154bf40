package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's formatting conventions that errors and normalised label values must reproduce. */
class GoTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1|1.0", "0|0.0", "-1|-1.0", "0.25|0.25", "1e-5|1e-05", "0.0001|0.0001", "1234567|1.234567e+06",
        "100000|100000.0", "123456.7|123456.7", "1e6|1e+06", "1.5e300|1.5e+300", "-2.5e-7|-2.5e-07",
        "0.1|0.1", "1000|1000.0", "NaN|NaN", "Infinity|+Inf", "-Infinity|-Inf", "1e21|1e+21",
        "0.005|0.005", "7.424100000000001e-05|7.424100000000001e-05"})
    void formatsOpenMetricsFloats(double f, String want) {
        assertThat(GoText.formatOpenMetricsFloat(f)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', value = {
        "abc|abc|true", "abc|abd|false", "abc|ab|false", "ab|abc|false", "''|''|true", "a\\nb|'a\nb'|true",
        "a\\\\b|a\\b|true", "a\\\"b|a\"b|true", "a\\nb|a\\nb|false", "grüße|grüße|true", "grüße|grusse|false",
        "x\\nyz|'x\ny'|false", "ab\\n|ab|false", "ab|'ab\n'|false", "a\\\\|a\\|true"})
    void comparesUnescapedTextInPlace(String raw, String other, boolean want) {
        byte[] b = ("#" + raw + "#").getBytes(StandardCharsets.UTF_8);
        assertThat(GoText.unescapedEquals(b, 1, b.length - 1, true, other)).isEqualTo(want);
        assertThat(GoText.unescape(b, 1, b.length - 1, true).equals(other)).isEqualTo(want);
    }

    @org.junit.jupiter.api.Test
    void quotesAsGo() {
        assertThat(GoText.quote("a\u0000b")).isEqualTo("\"a\\x00b\"");
        assertThat(GoText.quote("tab\there\n")).isEqualTo("\"tab\\there\\n\"");
        assertThat(GoText.quote("quote\"and\\")).isEqualTo("\"quote\\\"and\\\\\"");
        assertThat(GoText.quote("grüße €")).isEqualTo("\"grüße €\"");
        assertThat(GoText.quote("nbsp\u00a0")).isEqualTo("\"nbsp\\u00a0\"");
        assertThat(GoText.quote("bell\u0007 del\u007f")).isEqualTo("\"bell\\a del\\x7f\"");
        assertThat(GoText.quote("clef \uD834\uDD1E")).isEqualTo("\"clef \uD834\uDD1E\"");
    }

    @org.junit.jupiter.api.Test
    void quotesInvalidUtf8BytesAsHex() {
        byte[] b = {'a', (byte) 0xff, (byte) 0xc3, 'b', (byte) 0xe2, (byte) 0x82};
        assertThat(GoText.quote(b, 0, b.length)).isEqualTo("\"a\\xff\\xc3b\\xe2\\x82\"");
        assertThat(GoText.validUtf8(b, 0, b.length)).isFalse();
        byte[] ok = "€ and 𝄞".getBytes(StandardCharsets.UTF_8);
        assertThat(GoText.validUtf8(ok, 0, ok.length)).isTrue();
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(GoText.validUtf8(surrogate, 0, 3)).isFalse();
        byte[] overlong = {(byte) 0xc0, (byte) 0x80};
        assertThat(GoText.validUtf8(overlong, 0, 2)).isFalse();
    }
}
