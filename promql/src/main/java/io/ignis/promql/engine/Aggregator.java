package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.GoFormat;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.functions.HistogramMath;
import io.ignis.promql.functions.HistogramMean;
import io.ignis.promql.functions.LabelFunctions;
import io.ignis.promql.functions.MutableHistogram;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.functions.Quantiles;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation operators. Groups are computed once per query from the input series' labels; values are
 * then aggregated step by step. Sums and means are compensated (Kahan-Neumaier) as in Prometheus.
 */
final class Aggregator {
    private final Evaluator ev;

    Aggregator(Evaluator ev) {
        this.ev = ev;
    }

    Matrix eval(AggregateExpr e) {
        List<String> grouping = new ArrayList<>(e.grouping());
        grouping.sort(null);
        if (e.op() == AggregateOp.COUNT_VALUES) {
            return countValues(e, grouping);
        }
        // As in Prometheus: the parameter and the input stay accounted while aggregating (and are checked at each
        // step), then only the result is held.
        long originalSamples = ev.q.currentSamples;
        Matrix param = e.param() == null || e.param() instanceof StringLiteral ? null : ev.evalMatrix(e.param());
        double[] params = paramValues(param);
        Matrix input = ev.evalMatrix(e.expr());
        Matrix result = switch (e.op()) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> new KAggregator(ev, e, grouping, input, params).eval();
            default -> {
                ev.q.checkSamples();
                yield aggregate(e, grouping, input, params);
            }
        };
        ev.q.setSamples(originalSamples + SampleSizes.matrix(result));
        ev.q.updatePeak();
        return result;
    }

    private double[] paramValues(Matrix param) {
        int steps = ev.numSteps();
        double[] out = new double[steps];
        Arrays.fill(out, Double.NaN);
        if (param == null || param.series().isEmpty()) {
            return out;
        }
        FloatPoints f = param.get(0).floats();
        for (int i = 0; i < f.size(); i++) {
            int step = (int) ((f.t(i) - ev.startTs) / ev.interval);
            if (step >= 0 && step < steps) {
                out[step] = f.v(i);
            }
        }
        return out;
    }

    static String groupingKey(Labels l, List<String> grouping, boolean without) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            boolean listed = grouping.contains(n);
            boolean include = without ? !listed && !n.equals(Labels.METRIC_NAME) : listed;
            if (include) {
                sb.append(n).append('\u00ff').append(l.value(i)).append('\u00ff');
            }
        }
        return sb.toString();
    }

    static Labels groupingLabels(Labels l, List<String> grouping, boolean without) {
        if (without) {
            LabelsBuilder b = new LabelsBuilder(l);
            for (String g : grouping) {
                b.del(g);
            }
            return b.del(Labels.METRIC_NAME).build();
        }
        if (grouping.isEmpty()) {
            return Labels.EMPTY;
        }
        return new LabelsBuilder(l).keep(grouping).build();
    }

    private static final class Group {
        boolean seen;
        double floatValue;
        double floatMean;
        double kahanC;
        double count;
        boolean hasFloat;
        boolean hasHistogram;
        boolean incrementalMean;
        boolean dropName;
        double[] values;
        int nValues;
        MutableHistogram histogram;
        HistogramMean histogramMean;
        boolean incompatible;
        boolean counterResetSeen;
        boolean notCounterResetSeen;
    }

    private Matrix aggregate(AggregateExpr e, List<String> grouping, Matrix input, double[] params) {
        AggregateOp op = e.op();
        int n = input.size();
        int[] seriesToGroup = new int[n];
        Map<String, Integer> groupIndex = new HashMap<>();
        List<Series> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Labels l = input.get(i).labels();
            String key = groupingKey(l, grouping, e.without());
            Integer gi = groupIndex.get(key);
            if (gi == null) {
                gi = result.size();
                groupIndex.put(key, gi);
                result.add(new Series(groupingLabels(l, grouping, e.without())));
            }
            seriesToGroup[i] = gi;
        }
        if (op == AggregateOp.QUANTILE) {
            quantileWarnings(params);
        }
        if (FloatAggregation.applies(op, input)) {
            FloatAggregation.aggregate(ev, op, input, seriesToGroup, result);
            return nonEmpty(result);
        }
        Group[] groups = new Group[result.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = new Group();
        }
        int[] fc = new int[n];
        int[] hc = new int[n];
        int step = 0;
        for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval, step++) {
            ev.q.checkDone("expression evaluation");
            for (Group g : groups) {
                g.seen = false;
            }
            for (int si = 0; si < n; si++) {
                Series s = input.get(si);
                double f = 0;
                FloatHistogram h = null;
                if (fc[si] < s.floats().size() && s.floats().t(fc[si]) == ts) {
                    f = s.floats().v(fc[si]++);
                } else if (hc[si] < s.histograms().size() && s.histograms().t(hc[si]) == ts) {
                    h = s.histograms().h(hc[si]++);
                } else {
                    continue;
                }
                add(op, groups[seriesToGroup[si]], f, h, s.dropName(), s.labels());
            }
            for (int gi = 0; gi < groups.length; gi++) {
                Group g = groups[gi];
                if (!g.seen) {
                    continue;
                }
                double v;
                FloatHistogram hv = null;
                switch (op) {
                    case AVG -> {
                        if (g.hasFloat && g.hasHistogram) {
                            ev.q.annotations.addWarning(PromqlAnnotations.mixedFloatsHistogramsAggregation());
                            continue;
                        }
                        if (g.incompatible) {
                            continue;
                        }
                        if (g.hasHistogram) {
                            hv = g.histogramMean.result();
                        }
                        v = g.incrementalMean ? g.floatMean + g.kahanC : g.floatValue / g.count + g.kahanC / g.count;
                    }
                    case SUM -> {
                        if (g.hasFloat && g.hasHistogram) {
                            ev.q.annotations.addWarning(PromqlAnnotations.mixedFloatsHistogramsAggregation());
                            continue;
                        }
                        if (g.incompatible) {
                            continue;
                        }
                        if (g.hasHistogram) {
                            hv = g.histogram.toHistogram();
                        }
                        v = g.floatValue + g.kahanC;
                    }
                    case COUNT -> v = g.count;
                    case STDVAR -> v = g.floatValue / g.count;
                    case STDDEV -> v = Math.sqrt(g.floatValue / g.count);
                    case QUANTILE -> v = Quantiles.quantile(params[step], g.values, g.nValues);
                    default -> v = g.floatValue;
                }
                if (g.counterResetSeen && g.notCounterResetSeen) {
                    ev.q.annotations.addWarning(PromqlAnnotations.histogramCounterResetCollision("aggregation"));
                }
                Series out = result.get(gi);
                if (hv != null) {
                    out.histograms().add(ts, hv);
                } else {
                    out.floats().add(ts, v);
                }
                out.setDropName(g.dropName);
            }
        }
        return nonEmpty(result);
    }

    private static Matrix nonEmpty(List<Series> result) {
        Matrix m = new Matrix();
        for (Series s : result) {
            if (!s.isEmpty()) {
                m.add(s);
            }
        }
        return m;
    }

    private void quantileWarnings(double[] params) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        boolean nan = false;
        for (double p : params) {
            if (Double.isNaN(p)) {
                nan = true;
            } else {
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        if (nan) {
            ev.q.annotations.addWarning(PromqlAnnotations.invalidQuantile(Double.NaN));
        }
        if (max > 1) {
            ev.q.annotations.addWarning(PromqlAnnotations.invalidQuantile(max));
        }
        if (min < 0) {
            ev.q.annotations.addWarning(PromqlAnnotations.invalidQuantile(min));
        }
    }

    private void add(AggregateOp op, Group g, double f, FloatHistogram h, boolean dropName, Labels labels) {
        if (!g.seen) {
            g.histogram = null;
            g.histogramMean = null;
            g.incompatible = false;
            g.counterResetSeen = false;
            g.notCounterResetSeen = false;
            g.seen = true;
            g.floatValue = f;
            g.floatMean = f;
            g.kahanC = 0;
            g.count = 1;
            g.dropName = dropName;
            g.hasFloat = false;
            g.hasHistogram = false;
            g.incrementalMean = false;
            g.nValues = 0;
            switch (op) {
                case AVG, SUM -> {
                    if (h == null) {
                        g.hasFloat = true;
                    } else {
                        g.hasHistogram = true;
                        if (op == AggregateOp.AVG) {
                            g.histogramMean = new HistogramMean();
                            g.histogramMean.add(h);
                        }
                        g.histogram = MutableHistogram.of(h);
                        seeHint(g, h);
                    }
                }
                case STDVAR, STDDEV -> {
                    if (h != null) {
                        g.seen = false;
                        ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                    } else if (Double.isNaN(f) || Double.isInfinite(f)) {
                        g.floatValue = Double.NaN;
                    } else {
                        g.floatValue = 0;
                    }
                }
                case QUANTILE -> {
                    if (h != null) {
                        g.seen = false;
                        ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation("quantile"));
                    }
                    pushValue(g, f);
                }
                case GROUP -> g.floatValue = 1;
                case MIN, MAX -> {
                    if (h != null) {
                        g.seen = false;
                        ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                    }
                }
                default -> {
                }
            }
            return;
        }
        if (g.incompatible) {
            return;
        }
        if (dropName) {
            g.dropName = true;
        }
        switch (op) {
            case SUM -> {
                if (h != null) {
                    g.hasHistogram = true;
                    addHistogram(g, h, labels);
                } else {
                    g.hasFloat = true;
                    kahanInc(g, f);
                }
            }
            case AVG -> {
                g.count++;
                if (h != null) {
                    g.hasHistogram = true;
                    addHistogram(g, h, labels);
                    return;
                }
                g.hasFloat = true;
                if (!g.incrementalMean) {
                    double sum = g.floatValue;
                    double c = g.kahanC;
                    kahanInc(g, f);
                    if (!Double.isInfinite(g.floatValue)) {
                        return;
                    }
                    g.floatValue = sum;
                    g.kahanC = c;
                    g.incrementalMean = true;
                    g.floatMean = g.floatValue / (g.count - 1);
                    g.kahanC /= g.count - 1;
                }
                double q = (g.count - 1) / g.count;
                double[] r = kahan(f / g.count, q * g.floatMean, q * g.kahanC);
                g.floatMean = r[0];
                g.kahanC = r[1];
            }
            case MAX -> {
                if (h != null) {
                    ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation("max"));
                } else if (g.floatValue < f || Double.isNaN(g.floatValue)) {
                    g.floatValue = f;
                }
            }
            case MIN -> {
                if (h != null) {
                    ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation("min"));
                } else if (g.floatValue > f || Double.isNaN(g.floatValue)) {
                    g.floatValue = f;
                }
            }
            case COUNT -> g.count++;
            case STDVAR, STDDEV -> {
                if (h == null) {
                    g.count++;
                    double delta = f - g.floatMean;
                    g.floatMean += delta / g.count;
                    g.floatValue += delta * (f - g.floatMean);
                } else {
                    ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation(op.keyword()));
                }
            }
            case QUANTILE -> {
                if (h != null) {
                    ev.q.annotations.addInfo(PromqlAnnotations.histogramIgnoredInAggregation("quantile"));
                } else {
                    pushValue(g, f);
                }
            }
            default -> {
            }
        }
    }

    private void addHistogram(Group g, FloatHistogram h, Labels labels) {
        if (g.histogram == null) {
            return;
        }
        seeHint(g, h);
        g.histogram.boundsReconciled = false;
        try {
            if (g.histogramMean != null) {
                g.histogramMean.boundsReconciled = false;
                g.histogramMean.add(h);
                g.histogram.boundsReconciled = g.histogramMean.boundsReconciled;
            } else {
                g.histogram.kahanAdd(h);
            }
        } catch (MutableHistogram.IncompatibleSchemaException e) {
            ev.q.annotations.addWarning(PromqlAnnotations.mixedExponentialCustomHistograms(labels.metricName()));
            g.incompatible = true;
            return;
        }
        if (g.histogram.boundsReconciled) {
            ev.q.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms("aggregation"));
        }
    }

    private static void seeHint(Group g, FloatHistogram h) {
        if (h.counterResetHint() == CounterResetHint.COUNTER_RESET) {
            g.counterResetSeen = true;
        } else if (h.counterResetHint() == CounterResetHint.NOT_COUNTER_RESET) {
            g.notCounterResetSeen = true;
        }
    }

    private static void pushValue(Group g, double f) {
        if (g.values == null) {
            g.values = new double[8];
        } else if (g.nValues == g.values.length) {
            g.values = Arrays.copyOf(g.values, g.nValues * 2);
        }
        g.values[g.nValues++] = f;
    }

    private static void kahanInc(Group g, double f) {
        double[] r = kahan(f, g.floatValue, g.kahanC);
        g.floatValue = r[0];
        g.kahanC = r[1];
    }

    /** Kahan-Neumaier step, as Prometheus's kahansum.Inc: returns {newSum, newC}. */
    static double[] kahan(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c += (sum - t) + inc;
        } else {
            c += (inc - t) + sum;
        }
        return new double[] {t, c};
    }

    private Matrix countValues(AggregateExpr e, List<String> grouping) {
        String valueLabel = ((StringLiteral) Preparer.unwrapParens(e.param())).value();
        if (!LabelFunctions.isValidLabelName(valueLabel)) {
            throw new PromqlException("invalid label name " + GoFormat.quote(valueLabel));
        }
        List<String> g = new ArrayList<>(grouping);
        if (!e.without()) {
            g.add(valueLabel);
            g.sort(null);
        }
        return ev.rangeEval((v, enh) -> {
            Vector in = v[0];
            Map<String, Labels> labels = new LinkedHashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < in.size(); i++) {
                String value = in.histogram(i) == null ? GoFormat.formatFloat(in.v(i))
                        : HistogramMath.toGoString(in.histogram(i));
                Labels metric = new LabelsBuilder(in.labels(i)).set(valueLabel, value).build();
                String key = groupingKey(metric, g, e.without());
                if (labels.putIfAbsent(key, groupingLabels(metric, g, e.without())) == null) {
                    counts.put(key, 1);
                } else {
                    counts.merge(key, 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Labels> en : labels.entrySet()) {
                enh.out.add(en.getValue(), enh.ts, counts.get(en.getKey()), false);
            }
            return enh.out;
        }, e.expr());
    }

    static Series newSeries(Labels l, boolean dropName) {
        return new Series(l, new FloatPoints(), new HistogramPoints(1), dropName);
    }
}
