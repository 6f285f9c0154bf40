package io.ignis.server.rules.template;

/**
 * Prometheus's {@code humanize*} template functions, with their exact output: four significant digits
 * ({@code %.4g}) and SI, binary or time units.
 */
final class Humanize {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {
    }

    static String g4(double v) {
        return GoFloat.format(v, 'g', 4);
    }

    static String humanize(Object i) {
        double v = toFloat(i);
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix;
    }

    static String humanize1024(Object i) {
        double v = toFloat(i);
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    static String duration(Object i) {
        double v = toFloat(i);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long d = (long) v;
            long seconds = d % 60;
            long minutes = (d / 60) % 60;
            long hours = (d / 3600) % 24;
            long days = d / 86400;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    static String percentage(Object i) {
        return g4(toFloat(i) * 100) + "%";
    }

    static String timestamp(Object i) {
        double v = toFloat(i);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return toTime(v).goString();
    }

    static GoTime toTime(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new FuncException("value is NaN or Inf");
        }
        double ns = v * 1e9;
        if (ns > Long.MAX_VALUE || ns < Long.MIN_VALUE || ns >= 0x1p63) {
            throw new FuncException(GoFloat.format(v, 'g', -1)
                    + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        // Prometheus goes through model.TimeFromUnixNano, which keeps milliseconds only (Go's division truncates).
        long ms = (long) ns / 1_000_000L;
        return GoTime.ofNanos(ms * 1_000_000L);
    }

    /** Prometheus's {@code ConvertToFloat}: floats, integers, numeric strings and durations. */
    static double toFloat(Object i) {
        if (i instanceof Double d) {
            return d;
        }
        if (i instanceof Long l) {
            return l;
        }
        if (i instanceof String s) {
            return parseFloat(s);
        }
        if (i instanceof GoDuration d) {
            return d.nanos() / 1e9;
        }
        throw new FuncException("can't convert " + GoFormat.typeName(i) + " to float");
    }

    /** Go's {@code strconv.ParseFloat(s, 64)}. */
    static double parseFloat(String s) {
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean neg = s.startsWith("-");
        String lower = body.toLowerCase();
        if (lower.equals("inf") || lower.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")
                || lower.matches("0x([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)p[+-]?[0-9]+")) {
            double d = Double.parseDouble(lower);
            return neg ? -d : d;
        }
        throw new FuncException("strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
    }
}
