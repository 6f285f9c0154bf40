package io.ignis.promql.ast;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The few Go formatting routines whose exact output PromQL printing depends on: {@code strconv.Quote},
 * {@code strconv.FormatFloat(v, 'f', -1, 64)}, {@code %v} of a float and {@code model.Duration.String()}.
 */
public final class GoFormat {
    private static final long MS_PER_YEAR = 1000L * 60 * 60 * 24 * 365;
    private static final long MS_PER_WEEK = 1000L * 60 * 60 * 24 * 7;
    private static final long MS_PER_DAY = 1000L * 60 * 60 * 24;
    private static final long MS_PER_HOUR = 1000L * 60 * 60;
    private static final long MS_PER_MINUTE = 1000L * 60;

    private GoFormat() {
    }

    /** {@code strconv.Quote}: double quotes, Go escapes, non-printable runes as hex escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }

    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(sb, cp);
        }
        sb.append('"');
    }

    private static void appendEscaped(StringBuilder sb, int cp) {
        switch (cp) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0b -> sb.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7f) {
                    sb.append("\\x").append(hex(cp, 2));
                } else if (cp >= 0xDC80 && cp <= 0xDCFF) {
                    // A byte that is not UTF-8, kept by the parser as U+DC00 + byte: Go prints the byte.
                    sb.append("\\x").append(hex(cp & 0xFF, 2));
                } else if (Character.isSurrogate((char) cp)) {
                    sb.append("\\ufffd"); // any other unpaired surrogate: Go's replacement character
                } else if (cp < 0x10000) {
                    sb.append("\\u").append(hex(cp, 4));
                } else {
                    sb.append("\\U").append(hex(cp, 8));
                }
            }
        }
    }

    private static String hex(int v, int width) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest decimal, never an exponent; "+Inf", "NaN". */
    public static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return shortest(v).toPlainString();
    }

    /**
     * The shortest decimal that parses back to {@code v}, as Go's formatting picks it. Java 17's
     * {@code Double.toString} is not always shortest (fixed in JDK 19), so the digits are searched: the exact
     * value rounded to 1, 2, ... 17 significant digits, the first that round-trips.
     */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal rounded = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == v) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** {@code fmt.Sprintf("%v", v)} of a float64: shortest digits, exponent below 1e-4 and from 1e6 (1e+06). */
    public static String formatFloatV(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return formatFloat(v);
        }
        BigDecimal d = shortest(v);
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            BigDecimal unscaled = new BigDecimal(d.unscaledValue());
            String digits = unscaled.abs().toPlainString();
            StringBuilder sb = new StringBuilder();
            if (v < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return d.toPlainString();
    }

    /** {@code model.Duration.String()}: "1y2w", "90d", "1h30m", "1s500ms", "0s"; sub-millisecond parts dropped. */
    public static String formatDuration(Duration d) {
        return formatDurationMillis(truncatedMillis(d));
    }

    /** Milliseconds of {@code d} truncated toward zero, as Go's integer division of nanoseconds. */
    public static long truncatedMillis(Duration d) {
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds < 0 && nanos > 0) {
            seconds++;
            nanos -= 1_000_000_000;
        }
        return seconds * 1000 + nanos / 1_000_000;
    }

    public static String formatDurationMillis(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = ms;
        if (rest % MS_PER_YEAR == 0) {
            rest = unit(sb, rest, MS_PER_YEAR, "y");
        }
        if (rest % MS_PER_WEEK == 0) {
            rest = unit(sb, rest, MS_PER_WEEK, "w");
        }
        rest = unit(sb, rest, MS_PER_DAY, "d");
        rest = unit(sb, rest, MS_PER_HOUR, "h");
        rest = unit(sb, rest, MS_PER_MINUTE, "m");
        rest = unit(sb, rest, 1000, "s");
        unit(sb, rest, 1, "ms");
        return sb.toString();
    }

    private static long unit(StringBuilder sb, long ms, long mult, String name) {
        long v = ms / mult;
        if (v > 0) {
            sb.append(v).append(name);
            return ms - v * mult;
        }
        return ms;
    }

    /** {@code %.3f} of seconds, as the {@code @} modifier is printed. */
    public static String formatAtSeconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
