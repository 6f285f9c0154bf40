package io.ignis.promql.promqltest;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code {{schema:0 sum:5 count:4 buckets:[1 2 1]}}} notation of native histograms in test scripts. */
final class HistogramText {
    /** A parsed literal; {@code hintGiven} says whether it wrote {@code counter_reset_hint}. */
    record Parsed(FloatHistogram histogram, boolean hintGiven) {
    }

    private HistogramText() {
    }

    /** Parses the text between {@code {{} and {@code }}}. */
    static Parsed parse(String body) {
        List<String> tokens = tokenize(body);
        Set<String> seen = new HashSet<>();
        int schema = 0;
        double sum = 0;
        double count = 0;
        double zeroCount = 0;
        double zeroThreshold = 0;
        double[] buckets = new double[0];
        double[] negBuckets = new double[0];
        double[] custom = new double[0];
        int offset = 0;
        int negOffset = 0;
        CounterResetHint hint = CounterResetHint.UNKNOWN;
        boolean hintGiven = false;
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            int colon = tok.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad histogram field '" + tok + "' in {{" + body + "}}");
            }
            String key = tok.substring(0, colon);
            String val = tok.substring(colon + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("duplicate histogram field '" + key + "' in {{" + body + "}}");
            }
            if (val.startsWith("[")) {
                StringBuilder list = new StringBuilder(val);
                while (!list.toString().endsWith("]")) {
                    if (++i >= tokens.size()) {
                        throw new IllegalArgumentException("unterminated list in {{" + body + "}}");
                    }
                    list.append(' ').append(tokens.get(i));
                }
                val = list.toString();
            }
            switch (key) {
                case "schema" -> schema = Integer.parseInt(val);
                case "sum" -> sum = number(val);
                case "count" -> count = number(val);
                case "z_bucket" -> zeroCount = number(val);
                case "z_bucket_w" -> zeroThreshold = number(val);
                case "buckets" -> buckets = list(val);
                case "n_buckets" -> negBuckets = list(val);
                case "custom_values" -> custom = list(val);
                case "offset" -> offset = Integer.parseInt(val);
                case "n_offset" -> negOffset = Integer.parseInt(val);
                case "counter_reset_hint" -> {
                    hintGiven = true;
                    hint = switch (val) {
                        case "unknown" -> CounterResetHint.UNKNOWN;
                        case "reset" -> CounterResetHint.COUNTER_RESET;
                        case "not_reset" -> CounterResetHint.NOT_COUNTER_RESET;
                        case "gauge" -> CounterResetHint.GAUGE;
                        default -> throw new IllegalArgumentException("bad counter_reset_hint " + val);
                    };
                }
                default -> throw new IllegalArgumentException("unknown histogram field '" + key + "'");
            }
        }
        Span[] pos = buckets.length == 0 ? new Span[0] : new Span[] {new Span(offset, buckets.length)};
        Span[] neg = negBuckets.length == 0 ? new Span[0] : new Span[] {new Span(negOffset, negBuckets.length)};
        return new Parsed(new FloatHistogram(hint, schema, zeroThreshold, zeroCount, count, sum, pos, buckets, neg,
                negBuckets, custom), hintGiven);
    }

    private static List<String> tokenize(String body) {
        List<String> out = new ArrayList<>();
        for (String s : body.trim().split("[ \\t]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static double[] list(String val) {
        String inner = val.substring(1, val.length() - 1).trim();
        if (inner.isEmpty()) {
            return new double[0];
        }
        String[] parts = inner.split("[ \\t]+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(parts[i]);
        }
        return out;
    }

    static double number(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        return switch (l) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s.replace("_", ""));
        };
    }

    /** Renders a histogram in the same notation, for failure messages. */
    static String format(FloatHistogram h) {
        if (h == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("{{");
        if (h.schema() != 0) {
            sb.append("schema:").append(h.schema()).append(' ');
        }
        sb.append("count:").append(h.count()).append(" sum:").append(h.sum());
        if (h.zeroCount() != 0 || h.zeroThreshold() != 0) {
            sb.append(" z_bucket:").append(h.zeroCount()).append(" z_bucket_w:").append(h.zeroThreshold());
        }
        appendSide(sb, "", h.positiveSpans(), h.positiveBuckets());
        appendSide(sb, "n_", h.negativeSpans(), h.negativeBuckets());
        if (h.customValues().length > 0) {
            sb.append(" custom_values:").append(java.util.Arrays.toString(h.customValues()));
        }
        sb.append(" counter_reset_hint:").append(h.counterResetHint().name().toLowerCase(java.util.Locale.ROOT));
        return sb.append("}}").toString();
    }

    private static void appendSide(StringBuilder sb, String prefix, Span[] spans, double[] buckets) {
        if (buckets.length == 0) {
            return;
        }
        sb.append(' ').append(prefix).append("spans:[");
        for (Span s : spans) {
            sb.append(s.offset()).append(':').append(s.length()).append(' ');
        }
        sb.setLength(sb.length() - 1);
        sb.append("] ").append(prefix).append("buckets:").append(java.util.Arrays.toString(buckets));
    }
}
