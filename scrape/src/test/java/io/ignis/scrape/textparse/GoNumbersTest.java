package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's float and integer syntax as Prometheus's text parsers accept it, and exact results. */
class GoNumbersTest {
    private final long seed = Long.getLong("tests.seed", System.nanoTime());

    private static double parse(GoNumbers n, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return n.parseFloat(b, 0, b.length);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
        "1|1.0", "-1|-1.0", "+1|1.0", ".5|0.5", "5.|5.0", "1e3|1000.0", "1E+3|1000.0", "1e-3|0.001",
        "00012.50|12.5", "Inf|Infinity", "+inf|Infinity", "-Inf|-Infinity", "infinity|Infinity",
        "-INFINITY|-Infinity", "NaN|NaN", "nan|NaN", "nAn|NaN", "1e-400|0.0", "-0|-0.0",
        "1.7976931348623157e308|1.7976931348623157E308", "4.9351e-05|4.9351E-5",
        "7.424100000000001e-05|7.424100000000001E-5", "12345678901234567890123|1.2345678901234568E22",
        "0.1000000000000000055511151231257827|0.1"})
    void accepts(String text, double want) {
        GoNumbers n = new GoNumbers();
        double got = parse(n, text);
        assertThat(n.error).isEqualTo(GoNumbers.OK);
        assertThat(Double.doubleToRawLongBits(got)).as(text).isEqualTo(Double.doubleToRawLongBits(want));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
        "''|1", "+|1", ".|1", "1e|1", "1e+|1", "1.2.3|1", "0x10|1", "0X1|1", "1f|1", "1d|1", "' 1'|1",
        "'1 '|1", "+nan|1", "-NaN|1", "infin|1", "infinit|1", "nanx|1", "1_000|3", "0x1p3|3", "1P3|3",
        "1e400|2", "-1e400|2"})
    void rejects(String text, int error) {
        GoNumbers n = new GoNumbers();
        parse(n, text);
        assertThat(n.error).as(text).isEqualTo(error);
    }

    @Test
    void agreesWithJavaOnRandomDecimals() {
        Random r = new Random(seed);
        GoNumbers n = new GoNumbers();
        for (int k = 0; k < 4_000; k++) {
            double d = switch (k % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextInt(1_000_000) / Math.pow(10, r.nextInt(12));
                default -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            for (String s : new String[] {Double.toString(d), new BigDecimal(d).toPlainString(),
                    String.format("%.17e", d), new BigDecimal(d).toString()}) {
                double got = parse(n, s);
                assertThat(n.error).as("seed %d: %s", seed, s).isEqualTo(GoNumbers.OK);
                assertThat(got).as("seed %d: %s", seed, s).isEqualTo(Double.parseDouble(s));
            }
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
        "0|0|0", "123|123|0", "-5|-5|0", "9223372036854775807|9223372036854775807|0",
        "-9223372036854775808|-9223372036854775808|0", "9223372036854775808|0|2",
        "-9223372036854775809|0|2", "99999999999999999999|0|2", "''|0|1", "12a|0|1"})
    void parsesInt64(String text, long want, int error) {
        GoNumbers n = new GoNumbers();
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long got = n.parseInt(b, 0, b.length);
        assertThat(n.error).isEqualTo(error);
        assertThat(got).isEqualTo(want);
    }
}
