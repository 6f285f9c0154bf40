package io.ignis.promql.engine;

import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;

/**
 * Range-vector windows: the points of one series in {@code (mint, maxt]} (Prometheus 3's left-open
 * ranges), stale markers skipped. Used for matrix selectors returned as values and for range functions.
 */
final class RangeWindows {
    private final Evaluator ev;

    RangeWindows(Evaluator ev) {
        this.ev = ev;
    }

    /** A matrix selector evaluated at the (single) evaluation time, as an instant query's range vector. */
    Matrix matrixSelector(MatrixSelector ms) {
        VectorSelector vs = ms.vectorSelector();
        SelectorTimes t = ev.q.times(vs);
        long range = ev.q.times(ms).rangeMs;
        long maxt = ev.startTs - t.offsetMs;
        long mint = maxt - range;
        Matrix out = new Matrix();
        for (SeriesData s : t.series) {
            Series ss = new Series(s.labels);
            fill(s, mint, maxt, ss.floats(), ss.histograms());
            long loaded = SampleSizes.series(ss);
            if (vs.anchored() || vs.smoothed()) {
                if (!ss.histograms().isEmpty()) {
                    throw new PromqlException((vs.anchored() ? "anchored" : "smoothed")
                            + " modifier is not supported with histograms");
                }
                FloatPoints ext = new FloatPoints();
                fill(s, mint - ev.q.options.lookbackDeltaMs(),
                        vs.smoothed() ? maxt + ev.q.options.lookbackDeltaMs() : maxt, ext, new HistogramPoints());
                loaded = ext.size();
                ExtendedWindows.extend(ext, mint, maxt, vs.smoothed(), ss.floats());
            }
            // Prometheus counts the points it loads (for anchored and smoothed selectors those of the wider
            // range), not the ends those selectors add.
            ev.q.addSamples(loaded);
            ev.q.samplesAt(ev.startTs, loaded);
            ev.q.updatePeak();
            if (!ss.isEmpty()) {
                out.add(ss);
            }
        }
        return out;
    }

    /**
     * As {@link #fill}, and returns the start timestamps of the appended floats (parallel to them), or null
     * when the series has none.
     */
    static long[] fillWithStartTimestamps(SeriesData s, long mint, long maxt, FloatPoints floats,
                                          HistogramPoints histograms, long[] buf, boolean histogramSts) {
        fill(s, mint, maxt, floats, histograms);
        if (s.sts == null) {
            return null;
        }
        int n = histogramSts ? histograms.size() : floats.size();
        long[] out = buf != null && buf.length >= n ? buf : new long[Math.max(8, n * 2)];
        int k = 0;
        for (int i = s.indexAtOrBefore(mint) + 1; i < s.size && s.ts[i] <= maxt; i++) {
            if (!s.isStale(i) && (s.hs[i] != null) == histogramSts) {
                out[k++] = s.sts[i];
            }
        }
        return out;
    }

    /** Appends to {@code floats}/{@code histograms} the non-stale points of {@code s} in (mint, maxt]. */
    static void fill(SeriesData s, long mint, long maxt, FloatPoints floats, HistogramPoints histograms) {
        int i = s.indexAtOrBefore(mint) + 1;
        for (; i < s.size && s.ts[i] <= maxt; i++) {
            if (s.isStale(i)) {
                continue;
            }
            if (s.hs[i] == null) {
                floats.add(s.ts[i], s.vs[i]);
            } else {
                histograms.add(s.ts[i], s.hs[i]);
            }
        }
    }
}
