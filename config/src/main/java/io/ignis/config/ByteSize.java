package io.ignis.config;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A size in bytes written as Prometheus's {@code units.Base2Bytes}: number-unit pairs such as {@code 512MB},
 * {@code 1GB512MB} or {@code 1.5GiB}, where KB and KiB both mean 1024 bytes. A bare number other than 0 has no
 * unit and is rejected, as in Prometheus.
 */
public record ByteSize(long bytes) {
    public static final ByteSize ZERO = new ByteSize(0);

    private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P", "E"};

    /** Parses {@code text}; throws IllegalArgumentException with the wording of Go's units package. */
    public static ByteSize parse(String text) {
        if (text.equals("0")) {
            return ZERO;
        }
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("units: invalid " + text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("units: invalid " + text);
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("units: invalid " + text, e);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long multiplier = multiplier(unit);
            if (multiplier < 0) {
                throw new IllegalArgumentException("units: unknown unit " + unit + " in " + text);
            }
            total = total.add(number.multiply(BigDecimal.valueOf(multiplier)));
        }
        long bytes;
        try {
            bytes = total.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("units: invalid " + text, e);
        }
        return new ByteSize(negative ? -bytes : bytes);
    }

    private static long multiplier(String unit) {
        if (unit.equals("B")) {
            return 1;
        }
        for (int p = 1; p < PREFIXES.length; p++) {
            if (unit.equals(PREFIXES[p] + "B") || unit.equals(PREFIXES[p] + "iB")) {
                return 1L << (10 * p);
            }
        }
        return -1;
    }

    /** Prints as Prometheus does: the largest units first, such as {@code 512MiB} or {@code 1GiB512MiB}. */
    @Override
    public String toString() {
        if (bytes == 0) {
            return "0B";
        }
        long n = Math.abs(bytes);
        StringBuilder out = new StringBuilder();
        for (int p = PREFIXES.length - 1; p >= 0; p--) {
            long unit = 1L << (10 * p);
            long v = n / unit;
            if (v > 0) {
                out.append(v).append(PREFIXES[p]).append(p == 0 ? "B" : "iB");
                n -= v * unit;
            }
        }
        return (bytes < 0 ? "-" : "") + out;
    }
}
