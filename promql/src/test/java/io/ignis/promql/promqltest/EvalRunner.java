package io.ignis.promql.promqltest;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.QueryParser;
import io.ignis.promql.engine.Result;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Scalar;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import io.ignis.storage.Queryable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Executes one eval command the way the upstream runner does (README §5.5–§5.8): the query, its
 * step-invariance re-runs with {@code @} pinned, and the range-mode check of every instant run.
 */
final class EvalRunner {
    private static final Pattern QUERY_CONTEXT_FUNCS = Pattern.compile("(start|end|range|step)\\(\\)");

    private final Engine engine;
    private final QueryParser parser;

    EvalRunner(Engine engine, QueryParser parser) {
        this.engine = engine;
        this.parser = parser;
    }

    /** Null when the eval passes, else why it failed. */
    String run(EvalCommand cmd, Queryable storage) {
        Expr expr;
        try {
            expr = parser.parse(cmd.expr);
        } catch (RuntimeException e) {
            return "parse error in " + cmd.expr + ": " + e.getMessage();
        }
        if (cmd.range) {
            return runRange(cmd, storage, expr);
        }
        long t = cmd.rangeVector ? cmd.rangeVectorEnd : cmd.start;
        String err = runInstant(cmd, storage, expr, cmd.expr, t);
        if (err != null) {
            return err;
        }
        Expr pinned = AtRewriter.rewrite(expr, t);
        if (pinned == null) {
            return null;
        }
        long[] times = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        String text = pinned.toString();
        for (long et : times) {
            err = runInstant(cmd, storage, pinned, text, et);
            if (err != null) {
                return "re-run with @ " + t + " at t=" + et + " (" + text + "): " + err;
            }
        }
        return null;
    }

    private String runRange(EvalCommand cmd, Queryable storage, Expr expr) {
        Result r;
        try {
            r = engine.newRangeQuery(storage, expr, cmd.start, cmd.end, cmd.step).exec();
        } catch (RuntimeException e) {
            return failure(cmd, e);
        }
        if (cmd.fail) {
            return "expected error evaluating query but got none";
        }
        String err = AnnotationChecker.check(cmd, r.annotations());
        if (err != null) {
            return err;
        }
        return ResultChecker.compare(cmd, r.value(), false, cmd.start, cmd.step);
    }

    private String runInstant(EvalCommand cmd, Queryable storage, Expr expr, String text, long t) {
        Result r;
        try {
            r = engine.newInstantQuery(storage, expr, t).exec();
        } catch (RuntimeException e) {
            return failure(cmd, e);
        }
        if (cmd.fail) {
            return "expected error evaluating query " + text + " but got none";
        }
        String err = AnnotationChecker.check(cmd, r.annotations());
        if (err != null) {
            return err;
        }
        long start = cmd.rangeVector ? cmd.rangeVectorStart : t;
        long step = cmd.rangeVector ? cmd.rangeVectorStep : 0;
        err = ResultChecker.compare(cmd, r.value(), cmd.ordered, start, step);
        if (err != null) {
            return err;
        }
        if (cmd.rangeVector || cmd.expectedString != null || QUERY_CONTEXT_FUNCS.matcher(text).find()) {
            return null;
        }
        return rangeMode(cmd, storage, expr, r.value(), t);
    }

    private String rangeMode(EvalCommand cmd, Queryable storage, Expr expr, Value instant, long t) {
        Result r;
        try {
            r = engine.newRangeQuery(storage, expr, t - 60_000, t + 60_000, 60_000).exec();
        } catch (RuntimeException e) {
            return "error evaluating query in range mode: " + e.getMessage();
        }
        if (cmd.ordered) {
            return null;
        }
        Matrix m = (Matrix) r.value();
        String err = ResultChecker.checkSorted(m);
        if (err != null) {
            return "range mode: " + err;
        }
        Vector vec = new Vector();
        for (Series s : m.series()) {
            FloatPoints f = s.floats();
            HistogramPoints h = s.histograms();
            boolean found = false;
            for (int i = 0; i < f.size() && !found; i++) {
                if (f.t(i) == t) {
                    vec.add(s.labels(), t, f.v(i), false);
                    found = true;
                }
            }
            for (int i = 0; i < h.size() && !found; i++) {
                if (h.t(i) == t) {
                    vec.addHistogram(s.labels(), t, h.h(i), false);
                    found = true;
                }
            }
        }
        Value compareTo = vec;
        if (instant instanceof Scalar) {
            compareTo = new Scalar(t, vec.isEmpty() ? Double.NaN : vec.v(0));
        }
        err = ResultChecker.compare(cmd, compareTo, false, t, 0);
        return err == null ? null : "range mode at t=" + t + ": " + err;
    }

    private static String failure(EvalCommand cmd, RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (!cmd.fail) {
            return "unexpected error: " + msg + describeCause(e);
        }
        if (cmd.failMessage != null && !cmd.failMessage.equals(msg)) {
            return "expected error message \"" + cmd.failMessage + "\" but got \"" + msg + "\"";
        }
        if (cmd.failRegex != null && !cmd.failRegex.matcher(msg).find()) {
            return "expected error matching " + cmd.failRegex.pattern() + " but got \"" + msg + "\"";
        }
        return null;
    }

    private static String describeCause(RuntimeException e) {
        if (e instanceof IllegalStateException || e instanceof NullPointerException
                || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof UnsupportedOperationException) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement el : e.getStackTrace()) {
                if (frames.size() >= 4) {
                    break;
                }
                frames.add(el.toString());
            }
            return " [" + e.getClass().getSimpleName() + " at " + String.join(" < ", frames) + "]";
        }
        return "";
    }
}
