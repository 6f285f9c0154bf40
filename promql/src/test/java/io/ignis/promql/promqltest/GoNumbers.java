package io.ignis.promql.promqltest;

import java.util.Locale;
import java.util.regex.Pattern;

/** Go's integer literals (with base prefixes) and float syntax, as the runner parses scalar result lines. */
final class GoNumbers {
    private static final Pattern FLOAT =
            Pattern.compile("^[+-]?(?:(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?)$");
    private static final Pattern INT = Pattern.compile("^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|\\d[\\d_]*)$");

    private GoNumbers() {
    }

    /** The value of {@code s}, or null when it is not a number. */
    static Double parse(String s) {
        if (INT.matcher(s).matches()) {
            String t = s.replace("_", "");
            boolean neg = t.startsWith("-");
            if (t.startsWith("-") || t.startsWith("+")) {
                t = t.substring(1);
            }
            long v;
            try {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    v = Long.parseLong(t.substring(2), 16);
                } else if (t.startsWith("0b") || t.startsWith("0B")) {
                    v = Long.parseLong(t.substring(2), 2);
                } else if (t.startsWith("0o") || t.startsWith("0O")) {
                    v = Long.parseLong(t.substring(2), 8);
                } else if (t.length() > 1 && t.startsWith("0")) {
                    v = Long.parseLong(t.substring(1), 8);
                } else {
                    return neg ? -Double.parseDouble(t) : Double.parseDouble(t);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return neg ? -(double) v : (double) v;
        }
        if (FLOAT.matcher(s).matches()) {
            return Double.parseDouble(s.replace("_", ""));
        }
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> null;
        };
    }
}
