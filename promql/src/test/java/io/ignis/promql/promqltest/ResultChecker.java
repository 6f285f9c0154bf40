package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.LabelOrder;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Scalar;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.StringValue;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a query result with an eval's expectations (README §5.4): membership by label set, float and
 * histogram comparison, ordering under {@code expect ordered}, matrix sorting and point timestamps.
 * Returns null when the result matches, else a description of the first difference.
 */
final class ResultChecker {
    private ResultChecker() {
    }

    static String compare(EvalCommand cmd, Value v, boolean ordered, long start, long step) {
        if (v instanceof StringValue s) {
            String want = cmd.expectedString == null ? "" : cmd.expectedString;
            return want.equals(s.v()) ? null : "expected string \"" + want + "\" but got \"" + s.v() + "\"";
        }
        if (cmd.expectedString != null) {
            return "expected string \"" + cmd.expectedString + "\" but got " + describe(v);
        }
        if (v instanceof Scalar s) {
            if (!cmd.hasScalar) {
                return "expected vector or matrix result, but got scalar " + s.v();
            }
            return Almost.equal(cmd.scalar, s.v()) ? null : "expected scalar " + cmd.scalar + " but got " + s.v();
        }
        if (cmd.hasScalar) {
            return "expected scalar result, but got " + describe(v);
        }
        if (v instanceof Vector vec) {
            return compareVector(cmd, vec, ordered);
        }
        if (v instanceof Matrix m) {
            if (ordered) {
                return "expected ordered result, but query returned a matrix";
            }
            return compareMatrix(cmd, m, start, step);
        }
        return "unexpected result type " + v;
    }

    static String compareVector(EvalCommand cmd, Vector vec, boolean ordered) {
        Set<Labels> seen = new HashSet<>();
        for (int i = 0; i < vec.size(); i++) {
            Labels l = vec.labels(i);
            EvalCommand.ExpectedSeries exp = cmd.expected.get(l);
            if (exp == null) {
                return "unexpected metric " + l + " in result, has value "
                        + (vec.isHistogram(i) ? HistogramText.format(vec.histogram(i)) : vec.v(i));
            }
            seen.add(l);
            if (ordered && exp.position() != i + 1) {
                return "expected metric " + l + " at position " + exp.position() + " but was at " + (i + 1);
            }
            SeriesValues want = exp.values();
            if (want.size() == 0) {
                return "expected metric " + l + " without values";
            }
            if (want.kind(0) == SeriesValues.Kind.HISTOGRAM) {
                if (!vec.isHistogram(i)) {
                    return "expected histogram " + HistogramText.format(want.histogram(0)) + " for " + l
                            + " but got float value " + vec.v(i);
                }
                if (!Almost.equal(want.histogram(0), vec.histogram(i), want.hintChecked(0))) {
                    return "expected " + HistogramText.format(want.histogram(0)) + " for " + l + " but got "
                            + HistogramText.format(vec.histogram(i));
                }
            } else {
                if (vec.isHistogram(i)) {
                    return "expected float value " + want.floatValue(0) + " for " + l + " but got histogram "
                            + HistogramText.format(vec.histogram(i));
                }
                if (!Almost.equal(want.floatValue(0), vec.v(i))) {
                    return "expected " + want.floatValue(0) + " for " + l + " but got " + vec.v(i);
                }
            }
        }
        for (Labels l : cmd.expected.keySet()) {
            if (!seen.contains(l)) {
                return "expected metric " + l + " with " + cmd.expected.get(l).values() + " not found";
            }
        }
        return null;
    }

    private static String compareMatrix(EvalCommand cmd, Matrix m, long start, long step) {
        String unsorted = checkSorted(m);
        if (unsorted != null) {
            return unsorted;
        }
        Set<Labels> seen = new HashSet<>();
        long end = cmd.range ? cmd.end : cmd.rangeVectorEnd;
        for (Series s : m.series()) {
            EvalCommand.ExpectedSeries exp = cmd.expected.get(s.labels());
            if (exp == null) {
                return "unexpected metric " + s.labels() + " in result, has " + format(s);
            }
            seen.add(s.labels());
            SeriesValues want = exp.values();
            if (step > 0 && start + (long) (want.size() - 1) * step > end && want.size() > 0) {
                return "expected " + want.size() + " points for " + s.labels()
                        + ", but query time range cannot return this many points";
            }
            FloatPoints f = s.floats();
            HistogramPoints h = s.histograms();
            int fi = 0;
            int hi = 0;
            int wantFloats = 0;
            int wantHists = 0;
            for (int k = 0; k < want.size(); k++) {
                if (want.kind(k) == SeriesValues.Kind.FLOAT) {
                    wantFloats++;
                } else if (want.kind(k) == SeriesValues.Kind.HISTOGRAM) {
                    wantHists++;
                }
            }
            if (wantFloats != f.size() || wantHists != h.size()) {
                return "expected " + wantFloats + " float points and " + wantHists + " histogram points for "
                        + s.labels() + ", but got " + format(s);
            }
            for (int k = 0; k < want.size(); k++) {
                long t = start + k * step;
                switch (want.kind(k)) {
                    case OMITTED -> {
                    }
                    case FLOAT -> {
                        if (f.t(fi) != t) {
                            return "expected float value at index " + fi + " for " + s.labels() + " to have timestamp "
                                    + t + ", but it had timestamp " + f.t(fi) + " (result has " + format(s) + ")";
                        }
                        if (!Almost.equal(want.floatValue(k), f.v(fi))) {
                            return "expected float value at index " + fi + " (t=" + t + ") for " + s.labels()
                                    + " to be " + want.floatValue(k) + ", but got " + f.v(fi);
                        }
                        fi++;
                    }
                    case HISTOGRAM -> {
                        if (h.t(hi) != t) {
                            return "expected histogram value at index " + hi + " for " + s.labels()
                                    + " to have timestamp " + t + ", but it had timestamp " + h.t(hi);
                        }
                        if (!Almost.equal(want.histogram(k), h.h(hi), want.hintChecked(k))) {
                            return "expected histogram value at index " + hi + " (t=" + t + ") for " + s.labels()
                                    + " to be " + HistogramText.format(want.histogram(k)) + ", but got "
                                    + HistogramText.format(h.h(hi));
                        }
                        hi++;
                    }
                }
            }
        }
        for (Map.Entry<Labels, EvalCommand.ExpectedSeries> e : cmd.expected.entrySet()) {
            if (!seen.contains(e.getKey())) {
                return "expected metric " + e.getKey() + " not found";
            }
        }
        return null;
    }

    static String checkSorted(Matrix m) {
        List<Series> list = m.series();
        for (int i = 0; i + 1 < list.size(); i++) {
            if (LabelOrder.compare(list.get(i).labels(), list.get(i + 1).labels()) > 0) {
                return "matrix results should always be sorted by labels, but " + list.get(i).labels()
                        + " came before " + list.get(i + 1).labels();
            }
        }
        return null;
    }

    static String format(Series s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.floats().size(); i++) {
            sb.append(s.floats().v(i)).append(" @[").append(s.floats().t(i)).append("] ");
        }
        for (int i = 0; i < s.histograms().size(); i++) {
            FloatHistogram h = s.histograms().h(i);
            sb.append(HistogramText.format(h)).append(" @[").append(s.histograms().t(i)).append("] ");
        }
        return sb.toString().trim();
    }

    static String describe(Value v) {
        if (v instanceof Vector vec) {
            return "vector " + vec.toString().replace('\n', ' ');
        }
        if (v instanceof Matrix m) {
            StringBuilder sb = new StringBuilder("matrix ");
            for (Series s : m.series()) {
                sb.append(s.labels()).append(" => ").append(format(s)).append("; ");
            }
            return sb.toString();
        }
        return String.valueOf(v);
    }
}
