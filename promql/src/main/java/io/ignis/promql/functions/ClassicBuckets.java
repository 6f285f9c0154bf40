package io.ignis.promql.functions;

import java.util.Locale;
import java.util.regex.Pattern;

/** The {@code le} label of classic histogram buckets. */
public final class ClassicBuckets {
    private ClassicBuckets() {
    }

    private static final Pattern DECIMAL =
            Pattern.compile("^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?$");

    /** Go's strconv.ParseFloat for {@code le} values (decimal forms and the Inf/NaN words). */
    public static double parseLe(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "+inf", "inf", "+infinity", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }
}
