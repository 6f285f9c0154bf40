package io.ignis.promql.engine;

import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.BinaryOp;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Computes the time range every selector of a prepared query will read (Prometheus's FindMinMaxTime and
 * getTimeRangesForSelector) and fetches each selector's series once through one querier.
 */
final class SeriesFetcher {
    private final IdentityHashMap<Expr, SelectorTimes> times;
    private final long start;
    private final long end;
    private final long lookbackMs;
    private long mint = Long.MAX_VALUE;
    private long maxt = Long.MIN_VALUE;
    private final List<VectorSelector> selectors = new ArrayList<>();

    SeriesFetcher(IdentityHashMap<Expr, SelectorTimes> times, long start, long end, long lookbackMs) {
        this.times = times;
        this.start = start;
        this.end = end;
        this.lookbackMs = lookbackMs;
    }

    /** Walks the tree; afterwards {@link #mint()} and {@link #maxt()} span every selector (0, 0 if none). */
    void collect(Expr root) {
        walk(root, new ArrayList<>(), 0);
        markStatsOnly(root, new ArrayList<>());
        if (maxt == Long.MIN_VALUE) {
            mint = 0;
            maxt = 0;
        }
    }

    long mint() {
        return mint;
    }

    long maxt() {
        return maxt;
    }

    private void walk(Expr e, List<SubqueryExpr> path, long evalRange) {
        if (e instanceof VectorSelector vs) {
            range(vs, path, evalRange);
            selectors.add(vs);
            return;
        }
        if (e instanceof MatrixSelector ms) {
            walk(ms.vectorSelector(), path, times.get(ms).rangeMs);
            return;
        }
        if (e instanceof SubqueryExpr sq) {
            path.add(sq);
            walk(sq.expr(), path, 0);
            path.remove(path.size() - 1);
            return;
        }
        for (Expr c : e.children()) {
            walk(c, path, 0);
        }
        if (e instanceof AggregateExpr ae && ae.param() != null
                && !e.children().contains(ae.param())) {
            walk(ae.param(), path, 0);
        }
    }

    /** Prometheus's detectHistogramStatsDecoding: selectors whose histograms only feed count/sum/avg. */
    private void markStatsOnly(Expr e, List<Expr> path) {
        if (e instanceof VectorSelector vs) {
            boolean stats = false;
            for (int i = path.size() - 1; i >= 0; i--) {
                Expr p = path.get(i);
                if (p instanceof SubqueryExpr) {
                    stats = false;
                    break;
                }
                if (p instanceof Call c) {
                    String n = c.function().name();
                    if (n.equals("histogram_count") || n.equals("histogram_sum") || n.equals("histogram_avg")) {
                        stats = true;
                    } else if (n.equals("histogram_quantile") || n.equals("histogram_quantiles")
                            || n.equals("histogram_fraction")) {
                        stats = false;
                        break;
                    }
                }
                if (p instanceof BinaryExpr b && (b.op() == BinaryOp.TRIM_UPPER
                        || b.op() == BinaryOp.TRIM_LOWER)) {
                    stats = false;
                    break;
                }
            }
            times.get(vs).statsOnly = stats;
            return;
        }
        path.add(e);
        for (Expr c : e.children()) {
            markStatsOnly(c, path);
        }
        path.remove(path.size() - 1);
    }

    private void range(VectorSelector vs, List<SubqueryExpr> path, long evalRange) {
        long s = start;
        long e = end;
        long subqOffset = 0;
        long subqRange = 0;
        Long subqAt = null;
        for (SubqueryExpr sq : path) {
            SelectorTimes t = times.get(sq);
            subqOffset += t.originalOffsetMs;
            subqRange += t.rangeMs;
            if (t.atMs != null) {
                subqOffset = t.originalOffsetMs;
                subqRange = t.rangeMs;
                subqAt = t.atMs;
            }
        }
        if (subqAt != null) {
            s = subqAt;
            e = subqAt;
        }
        SelectorTimes t = times.get(vs);
        if (t.atMs != null) {
            s = t.atMs;
            e = t.atMs;
        } else {
            s = s - subqOffset - subqRange;
            e -= subqOffset;
        }
        if (evalRange == 0) {
            s -= lookbackMs - 1;
            if (vs.smoothed()) {
                e += lookbackMs;
            }
        } else if (vs.anchored()) {
            s -= lookbackMs + evalRange - 1;
        } else if (vs.smoothed()) {
            s -= lookbackMs + evalRange - 1;
            e += lookbackMs;
        } else {
            s -= evalRange - 1;
        }
        s -= t.originalOffsetMs;
        e -= t.originalOffsetMs;
        t.loadStart = s;
        t.loadEnd = e;
        mint = Math.min(mint, s);
        maxt = Math.max(maxt, e);
    }

    /** Selects and loads the series of every selector. */
    void fetch(Querier querier, QueryContext q) {
        Annotations warnings = q.annotations;
        SelectHints hints = SelectHints.range(mint, maxt);
        SampleIterator it = null;
        for (VectorSelector vs : selectors) {
            SelectorTimes t = times.get(vs);
            if (t.series != null) {
                continue;
            }
            SeriesSet set = querier.select(false, hints, vs.matchers().toArray(new Matcher[0]));
            List<SeriesData> out = new ArrayList<>();
            int n = 0;
            int capacity = 16;
            while (set.next()) {
                // Prometheus decodes samples lazily while evaluating, so a timeout here is in its evaluation.
                if ((++n & 255) == 0) {
                    q.checkDone("expression evaluation");
                }
                Series s = set.at();
                it = s.iterator(it);
                SeriesData d = SeriesData.load(s.labels(), it, t.loadStart, t.loadEnd, capacity);
                capacity = Math.max(16, d.size + 1);
                if (t.statsOnly) {
                    d.toStatsOnly();
                }
                out.add(d);
            }
            warnings.merge(set.warnings());
            t.series = out;
        }
    }
}
