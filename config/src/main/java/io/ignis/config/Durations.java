package io.ignis.config;

import java.time.Duration;

/**
 * Prometheus's duration syntax ({@code model.Duration}): a sequence of integer-unit pairs from biggest to smallest
 * unit, with units y (365d), w, d, h, m, s and ms, such as {@code 1d2h30m}; a bare {@code 0} is allowed.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000,
        1_000, 1};
    /** Go's time.Duration counts nanoseconds in an int64, which bounds every Prometheus duration. */
    private static final long MAX_NANOS = Long.MAX_VALUE;

    private Durations() {
    }

    /** Parses {@code text}; throws IllegalArgumentException with Prometheus's wording when it is not valid. */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        long totalNanos = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digits || i - digits > 19) {
                throw notValid(text);
            }
            long value = Long.parseUnsignedLong(text.substring(digits, i));
            int unitStart = i;
            while (i < text.length() && !isDigit(text.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw notValid(text);
            }
            String unitName = text.substring(unitStart, i);
            int unit = unitIndex(unitName);
            if (unit < 0) {
                throw new IllegalArgumentException("unknown unit \"" + unitName + "\" in duration \"" + text + "\"");
            }
            if (unit <= lastUnit) {
                throw notValid(text);
            }
            lastUnit = unit;
            long unitNanos = UNIT_MILLIS[unit] * 1_000_000L;
            if (value < 0 || value > MAX_NANOS / unitNanos || totalNanos > MAX_NANOS - value * unitNanos) {
                throw new IllegalArgumentException("duration out of range");
            }
            totalNanos += value * unitNanos;
        }
        return Duration.ofNanos(totalNanos);
    }

    /** Prints as Prometheus does: {@code 0s}, {@code 1m30s}, {@code 90d}; years and weeks only when exact. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int u = 0; u < UNITS.length; u++) {
            long mult = UNIT_MILLIS[u];
            boolean exactOnly = u < 2;
            if (exactOnly && ms % mult != 0) {
                continue;
            }
            long v = ms / mult;
            if (v > 0) {
                out.append(v).append(UNITS[u]);
                ms -= v * mult;
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException notValid(String text) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }

    private static int unitIndex(String name) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(name)) {
                return u;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
