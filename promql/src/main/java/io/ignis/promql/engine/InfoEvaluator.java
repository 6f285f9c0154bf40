package io.ignis.promql.engine;

import com.google.re2j.Pattern;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experimental {@code info(v, {data-label selectors})}: adds the data labels of info series
 * ({@code target_info} by default) that share the identifying labels {@code instance} and {@code job} with
 * each series of {@code v}, as Prometheus's info.go.
 */
final class InfoEvaluator {
    private static final String TARGET_INFO = "target_info";
    private static final List<String> IDENTIFYING = List.of("instance", "job");

    private final Evaluator ev;

    InfoEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    Matrix eval(Call c) {
        List<Expr> args = c.args();
        Long[] atOut = new Long[1];
        long offset = selectTimeAndOffset(args.get(0), atOut);
        Long at = atOut[0];
        Matrix mat = ev.evalMatrix(args.get(0));
        Map<String, List<Matcher>> dataMatchers = new LinkedHashMap<>();
        List<Matcher> nameMatchers = new ArrayList<>();
        if (args.size() > 1) {
            VectorSelector sel = (VectorSelector) Preparer.unwrapParens(args.get(1));
            for (Matcher m : sel.matchers()) {
                dataMatchers.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                if (m.name().equals(Labels.METRIC_NAME)) {
                    nameMatchers.add(m);
                }
            }
        } else {
            nameMatchers.add(Matcher.equal(Labels.METRIC_NAME, TARGET_INFO));
        }
        List<Matcher> effective = effectiveNameMatchers(nameMatchers);
        Set<Labels> ignore = new HashSet<>();
        for (Series s : mat.series()) {
            String name = s.labels().metricName();
            boolean all = true;
            for (Matcher m : effective) {
                all &= m.matches(name);
            }
            if (all) {
                ignore.add(s.labels());
            }
        }
        Matrix info = fetchInfoSeries(mat, ignore, dataMatchers, at, offset);
        return combine(mat, info, ignore, dataMatchers);
    }

    private static List<Matcher> effectiveNameMatchers(List<Matcher> ms) {
        for (Matcher m : ms) {
            if (m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX) {
                return ms;
            }
        }
        if (!ms.isEmpty()) {
            List<Matcher> out = new ArrayList<>();
            out.add(Matcher.regex(Labels.METRIC_NAME, ".+_info"));
            out.addAll(ms);
            return out;
        }
        return List.of(Matcher.equal(Labels.METRIC_NAME, TARGET_INFO));
    }

    /** The @ time and total offset of the first selector in the expression (infoSelectTimestampAndOffset). */
    private long selectTimeAndOffset(Expr e, Long[] at) {
        List<SubqueryExpr> path = new ArrayList<>();
        VectorSelector vs = firstSelector(e, path);
        if (vs == null) {
            return 0;
        }
        SelectorTimes t = ev.q.times(vs);
        at[0] = t.atMs;
        long offset = t.originalOffsetMs;
        for (int i = path.size() - 1; at[0] == null && i >= 0; i--) {
            SelectorTimes st = ev.q.times(path.get(i));
            offset += st.originalOffsetMs;
            at[0] = st.atMs;
        }
        return offset;
    }

    private static VectorSelector firstSelector(Expr e, List<SubqueryExpr> path) {
        if (e instanceof VectorSelector vs) {
            return vs;
        }
        if (e instanceof MatrixSelector ms) {
            return ms.vectorSelector();
        }
        if (e instanceof SubqueryExpr sq) {
            path.add(sq);
        }
        for (Expr c : e.children()) {
            VectorSelector vs = firstSelector(c, path);
            if (vs != null) {
                return vs;
            }
        }
        if (e instanceof SubqueryExpr) {
            path.remove(path.size() - 1);
        }
        return null;
    }

    private Matrix fetchInfoSeries(Matrix mat, Set<Labels> ignore, Map<String, List<Matcher>> dataMatchers,
                                   Long at, long offset) {
        Map<String, Set<String>> idValues = new LinkedHashMap<>();
        for (Series s : mat.series()) {
            if (ignore.contains(s.labels())) {
                continue;
            }
            for (String l : IDENTIFYING) {
                String v = s.labels().get(l);
                if (!v.isEmpty()) {
                    idValues.computeIfAbsent(l, k -> new LinkedHashSet<>()).add(v);
                }
            }
        }
        List<Matcher> nameMatchers = new ArrayList<>();
        List<Matcher> infoMatchers = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : idValues.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (String v : e.getValue()) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(Pattern.quote(v));
            }
            infoMatchers.add(Matcher.regex(e.getKey(), sb.toString()));
        }
        for (List<Matcher> ms : dataMatchers.values()) {
            for (Matcher m : ms) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    nameMatchers.add(m);
                } else {
                    infoMatchers.add(m);
                }
            }
        }
        dataMatchers.remove(Labels.METRIC_NAME);
        if (idValues.isEmpty()) {
            return new Matrix();
        }
        infoMatchers.addAll(effectiveNameMatchers(nameMatchers));
        SeriesSet set = ev.q.querier.select(false, null, infoMatchers.toArray(new Matcher[0]));
        Matrix out = new Matrix();
        SampleIterator it = null;
        while (set.next()) {
            ev.q.checkDone("expression evaluation");
            io.ignis.storage.Series s = set.at();
            it = s.iterator(it);
            SeriesData d = SeriesData.load(s.labels(), it);
            Series ss = null;
            for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval) {
                int i = ev.lookup(d, offset, at != null ? at : ts);
                if (i < 0) {
                    continue;
                }
                if (d.hs[i] != null) {
                    throw new PromqlException("this should be an info metric, with float samples: " + d.labels);
                }
                if (ss == null) {
                    ss = new Series(d.labels);
                }
                ss.floats().add(ts, d.ts[i]);
                // Loaded as by an instant selector (Prometheus's evalSeries): held, checked and counted.
                ev.q.addSamples(1);
                ev.q.samplesAt(ts, 1);
            }
            if (ss != null) {
                out.add(ss);
            }
        }
        ev.q.updatePeak();
        return out;
    }

    private static String signature(String name, Labels l) {
        StringBuilder sb = new StringBuilder(name);
        for (String id : IDENTIFYING) {
            String v = l.get(id);
            if (!v.isEmpty()) {
                sb.append('\u00ff').append(id).append('\u00ff').append(v);
            }
        }
        return sb.toString();
    }

    /**
     * Joins {@code mat} with the data labels of {@code info} step by step. The samples are accounted as in
     * Prometheus's combineWithInfoSeries: both inputs stay held while the steps run; each step gathers its base
     * and info samples (1 each) on top of the results so far, adds its own result (Vector.TotalSamples) and checks
     * the limit; afterwards the inputs stay held (Prometheus releases neither) and the output replaces the
     * per-step results.
     */
    private Matrix combine(Matrix mat, Matrix info, Set<Labels> ignore, Map<String, List<Matcher>> dataMatchers) {
        Set<String> infoNames = new LinkedHashSet<>();
        for (Series s : info.series()) {
            infoNames.add(s.labels().metricName());
        }
        long originalSamples = ev.q.currentSamples;
        long tempSamples = originalSamples;
        RangeCollector collected = new RangeCollector();
        Matrix out = collected.matrix();
        int[] bc = new int[mat.size() * 2];
        int[] ic = new int[info.size()];
        Vector base = new Vector(mat.size());
        Vector infoVec = new Vector(info.size());
        Vector result = new Vector();
        for (long ts = ev.startTs; ts <= ev.endTs; ts += ev.interval) {
            ev.q.checkDone("expression evaluation");
            ev.q.setSamples(tempSamples);
            gatherBase(ts, mat, bc, base);
            gatherInfo(ts, info, ic, infoVec);
            ev.q.addSamples(base.size());
            ev.q.addSamples(infoVec.size());
            ev.q.updatePeak();
            result.clear();
            combineStep(base, infoVec, infoNames, ignore, dataMatchers, result);
            long resultSamples = SampleSizes.vector(result);
            ev.q.adjustSamples(resultSamples);
            tempSamples += resultSamples;
            ev.q.updatePeak();
            ev.q.checkSamples();
            collected.add(result, ts);
        }
        ev.q.setSamples(originalSamples + SampleSizes.matrix(out));
        ev.q.updatePeak();
        return out;
    }

    /** The base samples at {@code ts}, advancing per-series cursors (Prometheus's gatherVector). */
    private static void gatherBase(long ts, Matrix mat, int[] cursors, Vector out) {
        out.clear();
        for (int i = 0; i < mat.size(); i++) {
            Series s = mat.get(i);
            int fi = cursors[2 * i];
            int hi = cursors[2 * i + 1];
            if (fi < s.floats().size() && s.floats().t(fi) == ts) {
                out.add(s.labels(), ts, s.floats().v(fi), s.dropName());
                cursors[2 * i] = fi + 1;
            } else if (hi < s.histograms().size() && s.histograms().t(hi) == ts) {
                out.addHistogram(s.labels(), ts, s.histograms().h(hi), s.dropName());
                cursors[2 * i + 1] = hi + 1;
            }
        }
    }

    /** The info samples at {@code ts}, each valued with its original sample time, as fetchInfoSeries stores it. */
    private static void gatherInfo(long ts, Matrix info, int[] cursors, Vector out) {
        out.clear();
        for (int i = 0; i < info.size(); i++) {
            Series s = info.get(i);
            if (cursors[i] < s.floats().size() && s.floats().t(cursors[i]) == ts) {
                out.add(s.labels(), ts, s.floats().v(cursors[i]++), false);
            }
        }
    }

    /** Prometheus's combineWithInfoVector for one step: appends the enriched base samples to {@code result}. */
    private static void combineStep(Vector base, Vector info, Set<String> infoNames, Set<Labels> ignore,
                                    Map<String, List<Matcher>> dataMatchers, Vector result) {
        if (base.isEmpty()) {
            // Nothing can match; duplicate info series are not looked for either.
            return;
        }
        Map<String, Integer> rightSigs = new HashMap<>();
        for (int i = 0; i < info.size(); i++) {
            double origT = info.v(i);
            String sig = signature(info.labels(i).metricName(), info.labels(i));
            Integer existing = rightSigs.get(sig);
            if (existing == null || info.v(existing) < origT) {
                rightSigs.put(sig, i);
            } else if (info.v(existing) == origT) {
                throw new PromqlException("found duplicate series for info metric: existing "
                        + info.labels(existing) + " @ " + (long) origT + ", new " + info.labels(i)
                        + " @ " + (long) origT);
            }
        }
        for (int bi = 0; bi < base.size(); bi++) {
            Labels bl = base.labels(bi);
            Labels labels;
            if (ignore.contains(bl)) {
                labels = bl;
            } else {
                labels = enrich(bl, info, rightSigs, infoNames, dataMatchers);
                if (labels == null) {
                    continue;
                }
            }
            FloatHistogram h = base.histogram(bi);
            if (h == null) {
                result.add(labels, 0, base.v(bi), base.dropName(bi));
            } else {
                result.addHistogram(labels, 0, h, base.dropName(bi));
            }
        }
    }

    /** The base labels with the matched info series' data labels added, or null when the series is dropped. */
    private static Labels enrich(Labels base, Vector info, Map<String, Integer> rightSigs, Set<String> infoNames,
                                 Map<String, List<Matcher>> dataMatchers) {
        LabelsBuilder lb = new LabelsBuilder();
        boolean seen = false;
        for (String infoName : infoNames) {
            Integer idx = rightSigs.get(signature(infoName, base));
            if (idx == null) {
                continue;
            }
            Labels il = info.labels(idx);
            for (int k = 0; k < il.size(); k++) {
                String n = il.name(k);
                if (n.equals(Labels.METRIC_NAME)) {
                    continue;
                }
                if (!dataMatchers.isEmpty() && !dataMatchers.containsKey(n)) {
                    continue;
                }
                String cur = lb.get(n);
                if (!cur.isEmpty() && !cur.equals(il.value(k))) {
                    throw new PromqlException("conflicting label: " + n);
                }
                if (base.has(n)) {
                    continue;
                }
                lb.set(n, il.value(k));
            }
            seen = true;
        }
        if (!seen) {
            for (List<Matcher> ms : dataMatchers.values()) {
                for (Matcher m : ms) {
                    if (!m.matches("")) {
                        return null;
                    }
                }
            }
        }
        Labels extra = lb.build();
        LabelsBuilder rb = new LabelsBuilder(base);
        for (int k = 0; k < extra.size(); k++) {
            rb.set(extra.name(k), extra.value(k));
        }
        return rb.build();
    }
}
