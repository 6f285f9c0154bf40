package io.ignis.promql.engine;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.functions.FunctionContext;
import io.ignis.promql.functions.HistogramRates;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;

/**
 * An instant selector with the experimental {@code smoothed} modifier: the value at each step is linearly
 * interpolated between the samples around it within the lookback delta on either side (Prometheus's
 * smoothSeries). Histogram series are carried forward without interpolation.
 */
final class SmoothedSelector {
    private final Evaluator ev;

    SmoothedSelector(Evaluator ev) {
        this.ev = ev;
    }

    private void smoothHistogram(Series ss, HistogramPoints hists, long ts, long dataTs, String metricName) {
        int i = 0;
        while (i < hists.size() && hists.t(i) < dataTs) {
            i++;
        }
        if (i < hists.size() && hists.t(i) == dataTs) {
            ss.histograms().add(ts, hists.h(i));
        } else if (i > 0 && i < hists.size()) {
            FloatHistogram prev = hists.h(i - 1);
            FloatHistogram next = hists.h(i);
            if ((prev.schema() == -53) != (next.schema() == -53)) {
                ev.q.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(metricName));
                return;
            }
            boolean isCounter = prev.counterResetHint() != CounterResetHint.GAUGE
                    || next.counterResetHint() != CounterResetHint.GAUGE;
            FunctionContext ctx = ev.newContext();
            ss.histograms().add(ts, HistogramRates.interpolate(prev, hists.t(i - 1), next,
                    hists.t(i), dataTs, isCounter, ctx));
        } else if (i > 0) {
            FloatHistogram prev = hists.h(i - 1);
            ss.histograms().add(ts, new FloatHistogram(CounterResetHint.UNKNOWN,
                    prev.schema(), prev.zeroThreshold(), prev.zeroCount(), prev.count(), prev.sum(),
                    prev.positiveSpans(), prev.positiveBuckets(), prev.negativeSpans(), prev.negativeBuckets(),
                    prev.customValues()));
        }
    }

    Matrix eval(VectorSelector vs, SelectorTimes t) {
        long lb = ev.q.options.lookbackDeltaMs();
        Matrix out = new Matrix();
        FloatPoints floats = new FloatPoints();
        HistogramPoints hists = new HistogramPoints();
        for (SeriesData s : t.series) {
            Series ss = new Series(s.labels);
            for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval) {
                long dataTs = ts - t.offsetMs;
                floats.clear();
                hists.clear();
                RangeWindows.fill(s, dataTs - lb, dataTs + lb, floats, hists);
                if (floats.isEmpty() && hists.isEmpty()) {
                    continue;
                }
                if (!floats.isEmpty() && !hists.isEmpty()) {
                    ev.q.annotations.addWarning(PromqlAnnotations.mixedFloatsHistograms(s.labels.metricName()));
                    continue;
                }
                if (!hists.isEmpty()) {
                    smoothHistogram(ss, hists, ts, dataTs, s.labels.metricName());
                    continue;
                }
                int i = 0;
                while (i < floats.size() && floats.t(i) < dataTs) {
                    i++;
                }
                if (i < floats.size() && floats.t(i) == dataTs) {
                    ss.floats().add(ts, floats.v(i));
                } else if (i > 0 && i < floats.size()) {
                    double y1 = floats.v(i - 1);
                    double y2 = floats.v(i);
                    double v = y1 + (y2 - y1) * (double) (dataTs - floats.t(i - 1))
                            / (double) (floats.t(i) - floats.t(i - 1));
                    ss.floats().add(ts, v);
                } else if (i > 0) {
                    ss.floats().add(ts, floats.v(i - 1));
                }
            }
            // Prometheus's smoothSeries accounts nothing against the sample limit.
            if (!ss.isEmpty()) {
                out.add(ss);
            }
        }
        return out;
    }
}
