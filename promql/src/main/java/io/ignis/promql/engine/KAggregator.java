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
        // Prometheus checks the limit after each step, with the input still held; an instant query returns
        // before its step's check.
        if (ev.startTs != ev.endTs) {
            ev.q.checkSamples();
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
        if ((op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) && floatsOnly()) {
            return topkSeriesWise(seriesToGroup, groupCount, seriess, instant);
        }
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
                // The sample object is made only when it enters a heap: most of a topk's input never does.
                double f;
                FloatHistogram h;
                if (fc[si] < s.floats().size() && s.floats().t(fc[si]) == ts) {
                    f = s.floats().v(fc[si]++);
                    h = null;
                } else if (hc[si] < s.histograms().size() && s.histograms().t(hc[si]) == ts) {
                    f = 0;
                    h = s.histograms().h(hc[si]++);
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
                            if (ratioKeeps(r, s.labels())) {
                                push(heap, new Sample(s.labels(), f, h, s.dropName()), false);
                            }
                        }
                        case LIMITK -> heap.add(new Sample(s.labels(), f, h, s.dropName()));
                        default -> {
                            if (h != null) {
                                seen[gi] = false;
                                ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                            } else {
                                push(heap, new Sample(s.labels(), f, h, s.dropName()), op == AggregateOp.BOTTOMK);
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
                        if (h != null) {
                            ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                        } else if (heap.size() < k) {
                            push(heap, new Sample(s.labels(), f, h, s.dropName()), bottom);
                        } else {
                            double top = heap.get(0).f;
                            boolean better = bottom ? top > f : top < f;
                            if (better || (Double.isNaN(top) && !Double.isNaN(f))) {
                                heap.set(0, new Sample(s.labels(), f, h, s.dropName()));
                                if (k > 1) {
                                    down(heap, 0, bottom);
                                }
                            }
                        }
                    }
                    case LIMITK -> {
                        if (heap.size() < k) {
                            heap.add(new Sample(s.labels(), f, h, s.dropName()));
                        }
                        if (!complete[gi] && heap.size() == k) {
                            complete[gi] = true;
                            remaining--;
                            stop = remaining == 0;
                        }
                    }
                    case LIMIT_RATIO -> {
                        if (ratioKeeps(r, s.labels())) {
                            push(heap, new Sample(s.labels(), f, h, s.dropName()), false);
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

    private boolean floatsOnly() {
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).histograms().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * topk/bottomk over float-only input, series by series: each series' points are offered to the heap of
     * their group and step. Within a heap the offers come in input order, as in the step-wise walk, so ties
     * are broken the same way; the input is read sequentially instead of one series per cache miss.
     */
    private Matrix topkSeriesWise(int[] seriesToGroup, int groupCount, Map<Labels, Series> seriess,
                                  Matrix instant) {
        boolean bottom = e.op() == AggregateOp.BOTTOMK;
        int steps = ev.numSteps();
        int n = input.size();
        long[] kAt = new long[steps];
        for (int st = 0; st < steps; st++) {
            kAt[st] = Math.min((long) params[st], n);
        }
        @SuppressWarnings("unchecked")
        List<Sample>[] heaps = new List[groupCount * steps];
        for (int si = 0; si < n; si++) {
            if ((si & 1023) == 0) {
                ev.q.checkDone("expression evaluation");
            }
            Series s = input.get(si);
            int base = seriesToGroup[si] * steps;
            long[] ts = s.floats().ts();
            double[] vs = s.floats().vs();
            int st = 0;
            long stepTs = ev.startTs;
            for (int p = 0, np = s.floats().size(); p < np; p++) {
                while (stepTs < ts[p]) {
                    stepTs += ev.interval;
                    st++;
                }
                long k = kAt[st];
                if (k < 1) {
                    continue;
                }
                double f = vs[p];
                List<Sample> heap = heaps[base + st];
                if (heap == null) {
                    heap = new ArrayList<>((int) Math.min(k, 16));
                    heaps[base + st] = heap;
                }
                if (heap.size() < k) {
                    push(heap, new Sample(s.labels(), f, null, s.dropName()), bottom);
                } else {
                    double top = heap.get(0).f;
                    boolean better = bottom ? top > f : top < f;
                    if (better || (Double.isNaN(top) && !Double.isNaN(f))) {
                        heap.set(0, new Sample(s.labels(), f, null, s.dropName()));
                        if (k > 1) {
                            down(heap, 0, bottom);
                        }
                    }
                }
            }
        }
        long ts = ev.startTs;
        for (int st = 0; st < steps; st++, ts += ev.interval) {
            for (int g = 0; g < groupCount; g++) {
                List<Sample> heap = heaps[g * steps + st];
                if (heap == null) {
                    continue;
                }
                heap.sort((a, b) -> less(b, a, bottom) ? -1 : less(a, b, bottom) ? 1 : 0);
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
