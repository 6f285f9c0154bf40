package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.labels.XxHash64;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.GoFormat;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code topk}, {@code bottomk}, {@code limitk} and {@code limit_ratio}: aggregations that keep input series
 * (with their labels) rather than computing new values. Heaps follow Go's container/heap so that ties are
 * broken as in Prometheus.
 */
final class KAggregator {
    private final Evaluator ev;
    private final AggregateExpr e;
    private final List<String> grouping;
    private final Matrix input;
    private final double[] params;

    private record Sample(Labels labels, double f, FloatHistogram h, boolean dropName) {
    }

    KAggregator(Evaluator ev, AggregateExpr e, List<String> grouping, Matrix input, double[] params) {
        this.ev = ev;
        this.e = e;
        this.grouping = grouping;
        this.input = input;
        this.params = params;
    }

    Matrix eval() {
        AggregateOp op = e.op();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        boolean nan = false;
        for (double p : params) {
            nan |= Double.isNaN(p);
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        if (op == AggregateOp.LIMIT_RATIO) {
            if (max == 0 && min == 0) {
                return new Matrix();
            }
            if (nan) {
                throw new PromqlException("Ratio value is NaN");
            }
            if (max > 1.0) {
                ev.q.annotations.addWarning(PromqlAnnotations.invalidRatio(max, 1.0));
            }
            if (min < -1.0) {
                ev.q.annotations.addWarning(PromqlAnnotations.invalidRatio(min, -1.0));
            }
        } else {
            if (!nan && max < 1) {
                return new Matrix();
            }
            if (nan) {
                throw new PromqlException("Parameter value is NaN");
            }
            if (min <= -9.223372036854775808e18) {
                throw new PromqlException("Scalar value " + GoFormat.formatFloatV(min)
                        + " underflows int64");
            }
            if (max >= 9.223372036854775807e18) {
                throw new PromqlException("Scalar value " + GoFormat.formatFloatV(max)
                        + " overflows int64");
            }
        }
        int n = input.size();
        int[] seriesToGroup = new int[n];
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = Aggregator.groupingKey(input.get(i).labels(), grouping, e.without());
            Integer gi = idx.get(key);
            if (gi == null) {
                gi = idx.size();
                idx.put(key, gi);
            }
            seriesToGroup[i] = gi;
        }
        int groupCount = idx.size();
        Map<Labels, Series> seriess = new LinkedHashMap<>();
        Matrix instant = new Matrix();
        int[] fc = new int[n];
        int[] hc = new int[n];
        int step = 0;
        for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval, step++) {
            double param = params[step];
            List<List<Sample>> heaps = new ArrayList<>(groupCount);
            boolean[] seen = new boolean[groupCount];
            boolean[] complete = new boolean[groupCount];
            int remaining = groupCount;
            for (int g = 0; g < groupCount; g++) {
                heaps.add(new ArrayList<>());
            }
            long k = 0;
            double r = 0;
            boolean stop = false;
            for (int si = 0; si < n; si++) {
                Series s = input.get(si);
                Sample smp;
                if (fc[si] < s.floats().size() && s.floats().t(fc[si]) == ts) {
                    smp = new Sample(s.labels(), s.floats().v(fc[si]++), null, s.dropName());
                } else if (hc[si] < s.histograms().size() && s.histograms().t(hc[si]) == ts) {
                    smp = new Sample(s.labels(), 0, s.histograms().h(hc[si]++), s.dropName());
                } else {
                    continue;
                }
                if (stop) {
                    continue;
                }
                if (op == AggregateOp.LIMIT_RATIO) {
                    if (param == 0) {
                        stop = true;
                        continue;
                    }
                    r = Math.max(-1.0, Math.min(1.0, param));
                } else {
                    k = Math.min((long) param, n);
                    if (k < 1) {
                        stop = true;
                        continue;
                    }
                }
                int gi = seriesToGroup[si];
                List<Sample> heap = heaps.get(gi);
                if (!seen[gi]) {
                    seen[gi] = true;
                    switch (op) {
                        case LIMIT_RATIO -> {
                            if (ratioKeeps(r, smp.labels)) {
                                push(heap, smp, false);
                            }
                        }
                        case LIMITK -> heap.add(smp);
                        default -> {
                            if (smp.h != null) {
                                seen[gi] = false;
                                ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                            } else {
                                push(heap, smp, op == AggregateOp.BOTTOMK);
                            }
                        }
                    }
                    if (op == AggregateOp.LIMITK && heap.size() == k && !complete[gi]) {
                        complete[gi] = true;
                        remaining--;
                        stop = remaining == 0;
                    }
                    continue;
                }
                switch (op) {
                    case TOPK, BOTTOMK -> {
                        boolean bottom = op == AggregateOp.BOTTOMK;
                        if (smp.h != null) {
                            ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                        } else if (heap.size() < k) {
                            push(heap, smp, bottom);
                        } else {
                            double top = heap.get(0).f;
                            boolean better = bottom ? top > smp.f : top < smp.f;
                            if (better || (Double.isNaN(top) && !Double.isNaN(smp.f))) {
                                heap.set(0, smp);
                                if (k > 1) {
                                    down(heap, 0, bottom);
                                }
                            }
                        }
                    }
                    case LIMITK -> {
                        if (heap.size() < k) {
                            heap.add(smp);
                        }
                        if (!complete[gi] && heap.size() == k) {
                            complete[gi] = true;
                            remaining--;
                            stop = remaining == 0;
                        }
                    }
                    case LIMIT_RATIO -> {
                        if (ratioKeeps(r, smp.labels)) {
                            push(heap, smp, false);
                        }
                    }
                    default -> throw new IllegalStateException("bug: " + op);
                }
            }
            if (stop && (k < 1 && op != AggregateOp.LIMIT_RATIO || op == AggregateOp.LIMIT_RATIO && param == 0)) {
                continue;
            }
            for (int gi = 0; gi < groupCount; gi++) {
                if (!seen[gi]) {
                    continue;
                }
                List<Sample> heap = heaps.get(gi);
                if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
                    boolean bottom = op == AggregateOp.BOTTOMK;
                    heap.sort((a, b) -> less(b, a, bottom) ? -1 : less(a, b, bottom) ? 1 : 0);
                }
                for (Sample smp : heap) {
                    emit(ts, smp, seriess, instant);
                }
            }
        }
        if (ev.startTs == ev.endTs) {
            return instant;
        }
        return new Matrix(new ArrayList<>(seriess.values()));
    }

    private void emit(long ts, Sample smp, Map<Labels, Series> seriess, Matrix instant) {
        Series s;
        if (ev.startTs == ev.endTs) {
            s = Aggregator.newSeries(smp.labels, smp.dropName);
            instant.add(s);
        } else {
            s = seriess.computeIfAbsent(smp.labels, l -> Aggregator.newSeries(l, smp.dropName));
        }
        if (smp.h != null) {
            s.histograms().add(ts, smp.h);
        } else {
            s.floats().add(ts, smp.f);
        }
    }

    private static boolean ratioKeeps(double r, Labels l) {
        double offset = unitOffset(XxHash64.hash(l));
        return (r >= 0 && offset < r) || (r < 0 && offset >= 1.0 + r);
    }

    /** Go's vectorByValueHeap (reverse for bottomk): NaN is "less" so it is evicted first. */
    private static boolean less(Sample a, Sample b, boolean reverse) {
        if (Double.isNaN(a.f)) {
            return true;
        }
        return reverse ? a.f > b.f : a.f < b.f;
    }

    private static void push(List<Sample> h, Sample s, boolean reverse) {
        h.add(s);
        int j = h.size() - 1;
        while (j > 0) {
            int i = (j - 1) / 2;
            if (i == j || !less(h.get(j), h.get(i), reverse)) {
                break;
            }
            swap(h, i, j);
            j = i;
        }
    }

    private static void down(List<Sample> h, int i0, boolean reverse) {
        int n = h.size();
        int i = i0;
        while (true) {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) {
                break;
            }
            int j = j1;
            int j2 = j1 + 1;
            if (j2 < n && less(h.get(j2), h.get(j1), reverse)) {
                j = j2;
            }
            if (!less(h.get(j), h.get(i), reverse)) {
                break;
            }
            swap(h, i, j);
            i = j;
        }
    }

    private static void swap(List<Sample> h, int i, int j) {
        Sample t = h.get(i);
        h.set(i, h.get(j));
        h.set(j, t);
    }

    /** {@code float64(hash) / float64(MaxUint64)} with the hash read as unsigned, as {@code limit_ratio} does. */
    static double unitOffset(long hash) {
        double unsigned = (double) (hash >>> 1) * 2.0 + (hash & 1);
        return unsigned / 18446744073709551615.0;
    }
}
