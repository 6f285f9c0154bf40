package io.ignis.promql.parser;

import java.time.Duration;

/** Go's rounding and float formatting where the parser's results depend on them. */
final class GoMath {
    /** 2^63 / 1e9: the largest number of seconds a Go {@code time.Duration} holds. */
    static final double MAX_DURATION_SECONDS = 9223372036.854775808;

    private GoMath() {
    }

    /** {@code math.Round}: half away from zero. */
    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        // BigDecimal holds the double exactly, so HALF_UP (ties away from zero) is exact.
        return new java.math.BigDecimal(v).setScale(0, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** Seconds to a Duration, rounded to the nanosecond as {@code time.Duration(math.Round(v * 1e9))}. */
    static Duration secondsToDuration(double seconds) {
        return Duration.ofNanos((long) round(seconds * 1e9));
    }

    static boolean durationOutOfRange(double seconds) {
        return seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS;
    }

    /** {@code fmt.Sprintf("%f", v)}: six decimals, "+Inf", "-Inf", "NaN". */
    static String formatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
