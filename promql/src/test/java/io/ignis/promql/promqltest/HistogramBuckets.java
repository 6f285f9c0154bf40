package io.ignis.promql.promqltest;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bucket-index views of a histogram for the runner: the non-zero buckets of one side as index → count, and
 * the repeated add/subtract of histogram runs in series lines ({@code {{H}}+{{I}}xN}).
 */
final class HistogramBuckets {
    private HistogramBuckets() {
    }

    /** Index → count of the buckets of one side, dropping exact zeros when {@code compact}. */
    static TreeMap<Integer, Double> side(Span[] spans, double[] buckets, boolean compact) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        int idx = 0;
        int b = 0;
        for (Span s : spans) {
            idx += s.offset();
            for (int j = 0; j < s.length(); j++) {
                double c = buckets[b++];
                if (!compact || c != 0) {
                    out.merge(idx, c, Double::sum);
                }
                idx++;
            }
        }
        return out;
    }

    /** {@code base ± inc}, following Prometheus's FloatHistogram.Add/Sub for the shapes the scripts use. */
    static FloatHistogram combine(FloatHistogram base, FloatHistogram inc, boolean subtract) {
        if (base.schema() > inc.schema() && base.schema() != -53 && inc.schema() != -53) {
            throw new IllegalArgumentException("cannot add histogram with schema " + inc.schema()
                    + " to histogram with lower-resolution base schema " + base.schema() + " in a series run");
        }
        int schema = base.schema();
        double sign = subtract ? -1 : 1;
        TreeMap<Integer, Double> pos = side(base.positiveSpans(), base.positiveBuckets(), false);
        TreeMap<Integer, Double> neg = side(base.negativeSpans(), base.negativeBuckets(), false);
        addReduced(pos, side(inc.positiveSpans(), inc.positiveBuckets(), false), inc.schema(), schema, sign);
        addReduced(neg, side(inc.negativeSpans(), inc.negativeBuckets(), false), inc.schema(), schema, sign);
        double zt = Math.max(base.zeroThreshold(), inc.zeroThreshold());
        return build(combineHints(base.counterResetHint(), inc.counterResetHint()), schema, zt,
                base.zeroCount() + sign * inc.zeroCount(), base.count() + sign * inc.count(),
                base.sum() + sign * inc.sum(), pos, neg, base.customValues());
    }

    private static void addReduced(TreeMap<Integer, Double> into, TreeMap<Integer, Double> inc, int from, int to,
                                   double sign) {
        int delta = from == -53 ? 0 : from - to;
        for (Map.Entry<Integer, Double> e : inc.entrySet()) {
            int idx = delta == 0 ? e.getKey() : ((e.getKey() - 1) >> delta) + 1;
            into.merge(idx, sign * e.getValue(), Double::sum);
        }
    }

    static CounterResetHint combineHints(CounterResetHint a, CounterResetHint b) {
        if (a == b) {
            return a;
        }
        if (a == CounterResetHint.GAUGE || b == CounterResetHint.GAUGE) {
            return CounterResetHint.GAUGE;
        }
        return CounterResetHint.UNKNOWN;
    }

    static FloatHistogram build(CounterResetHint hint, int schema, double zt, double zc, double count, double sum,
                                TreeMap<Integer, Double> pos, TreeMap<Integer, Double> neg, double[] custom) {
        List<Span> ps = new ArrayList<>();
        double[] pb = spans(pos, ps);
        List<Span> ns = new ArrayList<>();
        double[] nb = spans(neg, ns);
        return new FloatHistogram(hint, schema, zt, zc, count, sum, ps.toArray(new Span[0]), pb,
                ns.toArray(new Span[0]), nb, custom);
    }

    private static double[] spans(TreeMap<Integer, Double> m, List<Span> out) {
        double[] b = new double[m.size()];
        int i = 0;
        int prevEnd = 0;
        int start = 0;
        int len = 0;
        for (Map.Entry<Integer, Double> e : m.entrySet()) {
            int idx = e.getKey();
            if (len > 0 && idx == start + len) {
                len++;
            } else {
                if (len > 0) {
                    out.add(new Span(start - prevEnd, len));
                    prevEnd = start + len;
                }
                start = idx;
                len = 1;
            }
            b[i++] = e.getValue();
        }
        if (len > 0) {
            out.add(new Span(start - prevEnd, len));
        }
        return b;
    }
}
