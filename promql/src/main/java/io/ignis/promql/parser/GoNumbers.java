package io.ignis.promql.parser;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;

/**
 * Number and duration parsing with Go's semantics and error texts: {@code strconv.ParseInt(s, 0, 64)} falling
 * back to {@code strconv.ParseFloat}, and {@code model.ParseDuration}.
 */
final class GoNumbers {
    private static final long MAX_DURATION_NANOS = Long.MAX_VALUE;
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_NANOS = {
        365L * 24 * 3600 * 1_000_000_000L, 7L * 24 * 3600 * 1_000_000_000L, 24L * 3600 * 1_000_000_000L,
        3600L * 1_000_000_000L, 60L * 1_000_000_000L, 1_000_000_000L, 1_000_000L};

    private GoNumbers() {
    }

    /** A PromQL number literal's value. */
    static double parseNumber(String s) {
        Long asInt = parseInt(s);
        if (asInt != null) {
            return asInt;
        }
        return parseFloat(s);
    }

    /** {@code strconv.ParseInt(s, 0, 64)}: decimal, 0x hex, leading-zero octal, underscores; null on failure. */
    private static Long parseInt(String s) {
        String digits = s;
        int radix = 10;
        boolean prefixed = false;
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            digits = s.substring(2);
            radix = 16;
            prefixed = true;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            digits = s.substring(1);
            radix = 8;
            prefixed = true;
        }
        if (!underscoresOk(digits, prefixed)) {
            return null;
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(digits, radix);
        return v.bitLength() < 64 ? v.longValue() : null;
    }

    /** Underscores only between digits, or right after a base prefix. */
    private static boolean underscoresOk(String digits, boolean prefixed) {
        char prev = prefixed ? '0' : '^';
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == '_') {
                if (prev != '0') {
                    return false;
                }
                prev = '_';
            } else {
                prev = '0';
            }
        }
        return prev != '_';
    }

    private static double parseFloat(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        String plain = s.replace("_", "");
        if (!plain.equals(s) && !underscoresOk(s, false) || !isDecimalFloat(plain)) {
            throw new NumberFormatException(floatError(s, "invalid syntax"));
        }
        double v = Double.parseDouble(plain);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException(floatError(s, "value out of range"));
        }
        return v;
    }

    private static boolean isDecimalFloat(String s) {
        return s.matches("[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?") && s.matches(".*[0-9].*")
                && !s.matches("[eE].*") && !s.matches("\\.[eE].*");
    }

    private static String floatError(String s, String reason) {
        return "strconv.ParseFloat: parsing " + GoQuote.string(s) + ": " + reason;
    }

    /**
     * {@code model.ParseDuration}: units y, w, d, h, m, s, ms, largest first, each at most once; "0" alone is
     * allowed.
     *
     * @throws IllegalArgumentException with Prometheus's message
     */
    static Duration parseDuration(String s) {
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        String rest = s;
        long total = 0;
        int lastUnit = -1;
        while (!rest.isEmpty()) {
            int i = 0;
            while (i < rest.length() && isDigit(rest.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw notValid(s);
            }
            BigInteger v = new BigInteger(rest.substring(0, i));
            if (v.bitLength() > 64) {
                throw notValid(s);
            }
            rest = rest.substring(i);
            int j = 0;
            while (j < rest.length() && !isDigit(rest.charAt(j))) {
                j++;
            }
            if (j == 0) {
                throw notValid(s);
            }
            String unit = rest.substring(0, j);
            rest = rest.substring(j);
            int u = unitIndex(unit);
            if (u < 0) {
                throw new IllegalArgumentException("unknown unit " + GoQuote.string(unit) + " in duration "
                        + GoQuote.string(s));
            }
            if (u <= lastUnit) {
                throw notValid(s);
            }
            lastUnit = u;
            BigInteger nanos = v.multiply(BigInteger.valueOf(UNIT_NANOS[u])).add(BigInteger.valueOf(total));
            if (nanos.compareTo(BigInteger.valueOf(MAX_DURATION_NANOS)) > 0) {
                throw new IllegalArgumentException("duration out of range");
            }
            total = nanos.longValue();
        }
        return Duration.ofNanos(total);
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException notValid(String s) {
        return new IllegalArgumentException("not a valid duration string: " + GoQuote.string(s));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
