package io.ignis.scrape.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing with the syntax and errors of Prometheus's text parsers: its parseFloat (Go's
 * {@code strconv.ParseFloat} minus hexadecimal exponents and underscores) and {@code strconv.ParseInt}.
 * Parses straight from the bytes; common values take an exact fast path without allocating. One instance
 * per parser: {@link #error} describes the last failure.
 */
final class GoNumbers {
    static final int OK = 0;
    static final int SYNTAX = 1;
    static final int RANGE = 2;
    static final int UNSUPPORTED = 3;

    /** Exact powers of ten up to 1e22, the largest a double holds exactly (Clinger's fast path). */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    int error;

    /** Parses {@code b[from, to)} as Prometheus's parseFloat; on failure sets {@link #error} and returns 0. */
    double parseFloat(byte[] b, int from, int to) {
        error = OK;
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        if (i < to && (b[i] | 0x20) == 'i') {
            int n = to - i;
            if ((n == 3 && matchesIgnoreCase(b, i, "inf")) || (n == 8 && matchesIgnoreCase(b, i, "infinity"))) {
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return syntaxError(b, from, to);
        }
        if (i == from && to - i == 3 && matchesIgnoreCase(b, i, "nan")) {
            return Double.NaN;
        }
        return parseDecimal(b, from, i, to, neg);
    }

    private double parseDecimal(byte[] b, int from, int i, int to, boolean neg) {
        long mantissa = 0;
        int digits = 0; // significant digits kept in mantissa
        int exp10 = 0;
        boolean sawDigits = false;
        boolean sawDot = false;
        boolean truncated = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '.') {
                if (sawDot) {
                    break;
                }
                sawDot = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            sawDigits = true;
            if (c == '0' && digits == 0) {
                if (sawDot) {
                    exp10--;
                }
                continue;
            }
            if (digits < 18) { // 18 digits always fit in a long
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (sawDot) {
                    exp10--;
                }
            } else {
                truncated |= c != '0';
                if (!sawDot) {
                    exp10++;
                }
            }
        }
        if (!sawDigits) {
            return syntaxError(b, from, to);
        }
        if (i < to && (b[i] | 0x20) == 'e') {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                eneg = b[i] == '-';
                i++;
            }
            if (i >= to || b[i] < '0' || b[i] > '9') {
                return syntaxError(b, from, to);
            }
            int e = 0;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exp10 += eneg ? -e : e;
        }
        if (i != to) {
            return syntaxError(b, from, to);
        }
        if (mantissa == 0) {
            return neg ? -0.0 : 0.0;
        }
        double v;
        if (!truncated && mantissa < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            // Both operands are exact, so one IEEE operation rounds the exact result correctly.
            v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
            return neg ? -v : v;
        }
        v = slow(b, from, to);
        if (Double.isInfinite(v)) {
            error = RANGE;
        }
        return v;
    }

    /**
     * Fails the parse. As Prometheus, which refuses them before parsing, a hexadecimal exponent or an underscore
     * anywhere is reported as unsupported rather than as bad syntax; a value with neither parses without this
     * scan, since every accepting path above admits only digits, signs, one dot and an exponent.
     */
    private double syntaxError(byte[] b, int from, int to) {
        error = SYNTAX;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == 'p' || c == 'P' || c == '_') {
                error = UNSUPPORTED;
                break;
            }
        }
        return 0;
    }

    /** Java's parser accepts every decimal the checks above let through, and rounds correctly. */
    private static double slow(byte[] b, int from, int to) {
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    private static boolean matchesIgnoreCase(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Parses decimal digits {@code b[from, to)} as a signed 64-bit integer; sets {@link #error} on overflow. */
    long parseInt(byte[] b, int from, int to) {
        error = OK;
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        if (i == to) {
            error = SYNTAX;
            return 0;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                error = SYNTAX;
                return 0;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                error = RANGE;
                return 0;
            }
            v = v * 10 - d; // accumulate negatively: Long.MIN_VALUE has no positive twin
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                error = RANGE;
                return 0;
            }
            v = -v;
        }
        return v;
    }

    /** The message Prometheus (through Go's strconv) gives for the last failure on {@code b[from, to)}. */
    String message(String function, byte[] b, int from, int to) {
        return switch (error) {
            case UNSUPPORTED -> "unsupported character in float";
            case RANGE -> "strconv." + function + ": parsing " + GoText.quote(b, from, to) + ": value out of range";
            default -> "strconv." + function + ": parsing " + GoText.quote(b, from, to) + ": invalid syntax";
        };
    }
}
