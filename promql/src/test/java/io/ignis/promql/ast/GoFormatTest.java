package io.ignis.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoFormatTest {
    @Test
    void formatsFloatsLikeFormatFloatF() {
        assertThat(GoFormat.formatFloat(1)).isEqualTo("1");
        assertThat(GoFormat.formatFloat(0.1)).isEqualTo("0.1");
        assertThat(GoFormat.formatFloat(-2.5e-7)).isEqualTo("-0.00000025");
        assertThat(GoFormat.formatFloat(1e21)).isEqualTo("1000000000000000000000");
        assertThat(GoFormat.formatFloat(123.4567)).isEqualTo("123.4567");
        assertThat(GoFormat.formatFloat(-0.0)).isEqualTo("-0");
        assertThat(GoFormat.formatFloat(2.82879384806159E17)).as("shortest digits").isEqualTo("282879384806159000");
        assertThat(GoFormat.formatFloat(Double.MIN_VALUE)).startsWith("0.000").endsWith("5");
        assertThat(GoFormat.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(GoFormat.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoFormat.formatFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(GoFormat.formatFloat(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void formatsFloatsLikePercentV() {
        assertThat(GoFormat.formatFloatV(5)).isEqualTo("5");
        assertThat(GoFormat.formatFloatV(-23)).isEqualTo("-23");
        assertThat(GoFormat.formatFloatV(100000)).isEqualTo("100000");
        assertThat(GoFormat.formatFloatV(1000000)).isEqualTo("1e+06");
        assertThat(GoFormat.formatFloatV(1234567)).isEqualTo("1.234567e+06");
        assertThat(GoFormat.formatFloatV(0.0001)).isEqualTo("0.0001");
        assertThat(GoFormat.formatFloatV(0.00001)).isEqualTo("1e-05");
        assertThat(GoFormat.formatFloatV(-1.5e-300)).isEqualTo("-1.5e-300");
        assertThat(GoFormat.formatFloatV(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(GoFormat.formatFloatV(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void formatsDurationsLikeModelDuration() {
        assertThat(GoFormat.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoFormat.formatDuration(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoFormat.formatDuration(Duration.ofDays(7))).isEqualTo("1w");
        assertThat(GoFormat.formatDuration(Duration.ofDays(9))).isEqualTo("9d");
        assertThat(GoFormat.formatDuration(Duration.ofDays(365))).isEqualTo("1y");
        assertThat(GoFormat.formatDuration(Duration.ofDays(372))).isEqualTo("372d");
        assertThat(GoFormat.formatDuration(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(GoFormat.formatDuration(Duration.ofNanos(1_999_999))).isEqualTo("1ms");
        assertThat(GoFormat.formatDuration(Duration.ofNanos(999_999))).isEqualTo("0s");
    }

    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoFormat.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoFormat.quote("\n\t\r\u0007\b\f\u000b")).isEqualTo("\"\\n\\t\\r\\a\\b\\f\\v\"");
        assertThat(GoFormat.quote("\u0000\u007f")).isEqualTo("\"\\x00\\x7f\"");
        assertThat(GoFormat.quote("äö☺")).isEqualTo("\"äö☺\"");
        assertThat(GoFormat.quote("\u00a0\u200b")).isEqualTo("\"\\u00a0\\u200b\"");
        assertThat(GoFormat.quote("\uD800\uDC00")).isEqualTo("\"\uD800\uDC00\"");
        assertThat(GoFormat.quote("\uDB80\uDC00")).isEqualTo("\"\\U000f0000\"");
        assertThat(GoFormat.quote("a\uDCC5z")).as("a byte that is not UTF-8").isEqualTo("\"a\\xc5z\"");
        assertThat(GoFormat.quote("\uD800")).isEqualTo("\"\\ufffd\"");
    }

    @Test
    void formatsAtTimestampsWithThreeDecimals() {
        assertThat(GoFormat.formatAtSeconds(1_603_774_568_123L)).isEqualTo("1603774568.123");
        assertThat(GoFormat.formatAtSeconds(-1000)).isEqualTo("-1.000");
    }
}
