package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histogram_quantile}, {@code histogram_quantiles} and {@code histogram_fraction} over classic
 * bucket series (grouped by labels without {@code le}) and over native histograms, with Prometheus's
 * annotations for malformed {@code le}, mixed classic/native input and forced monotonicity.
 */
final class HistogramFunctions {
    private HistogramFunctions() {
    }

    /** Classic buckets of one group: its labels (without le) and its (upper bound, count) pairs. */
    private static final class Group {
        final Labels labels;
        final List<double[]> buckets = new ArrayList<>();

        Group(Labels labels) {
            this.labels = labels;
        }
    }

    /** Splits the input into classic bucket groups and native histogram samples (Prometheus's resetHistograms). */
    private static Map<String, Group> split(FunctionContext ctx, Vector in, List<Integer> natives) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.isHistogram(i)) {
                natives.add(i);
                continue;
            }
            Labels l = in.labels(i);
            double upper;
            try {
                upper = ClassicBuckets.parseLe(l.get("le"));
            } catch (NumberFormatException e) {
                ctx.annotations.addWarning(PromqlAnnotations.badBucketLabel(
                        ctx.delayedNameRemoval ? l.metricName() : "", l.get("le")));
                continue;
            }
            Labels key = new LabelsBuilder(l).del("le").build();
            groups.computeIfAbsent(key.toString(), k -> new Group(key)).buckets.add(new double[] {upper, in.v(i)});
        }
        for (int idx = natives.size() - 1; idx >= 0; idx--) {
            int i = natives.get(idx);
            Group g = groups.get(in.labels(i).toString());
            if (g != null && !g.buckets.isEmpty()) {
                ctx.annotations.addWarning(PromqlAnnotations.mixedClassicNativeHistograms(
                        ctx.delayedNameRemoval ? in.labels(i).metricName() : ""));
                groups.remove(in.labels(i).toString());
                natives.remove(idx);
            }
        }
        return groups;
    }

    private static Labels dropName(FunctionContext ctx, Labels l) {
        return ctx.delayedNameRemoval ? l : MathFunctions.dropName(l);
    }

    static void quantile(FunctionContext ctx) {
        if (ctx.vectorArgs[0].isEmpty()) {
            return;
        }
        double q = ctx.scalarArg(0);
        Vector in = ctx.vectorArgs[1];
        if (Double.isNaN(q) || q < 0 || q > 1) {
            ctx.annotations.addWarning(PromqlAnnotations.invalidQuantile(q));
        }
        List<Integer> natives = new ArrayList<>();
        Map<String, Group> groups = split(ctx, in, natives);
        for (int i : natives) {
            Labels l = dropName(ctx, in.labels(i));
            ctx.out.add(l, ctx.ts, NativeQuantiles.quantile(ctx, q, in.histogram(i), in.labels(i).metricName()), true);
        }
        for (Group g : groups.values()) {
            ctx.out.add(dropName(ctx, g.labels), ctx.ts, bucketQuantile(ctx, q, g), true);
        }
    }

    static void quantiles(FunctionContext ctx) {
        Vector in = ctx.vectorArgs[0];
        String label = stringArg(ctx.args.get(1));
        List<Double> qs = new ArrayList<>();
        for (int a = 2; a < ctx.vectorArgs.length; a++) {
            double q = ctx.scalarArg(a);
            if (Double.isNaN(q) || q < 0 || q > 1) {
                ctx.annotations.addWarning(PromqlAnnotations.invalidQuantile(q));
            }
            qs.add(q);
        }
        List<Integer> natives = new ArrayList<>();
        Map<String, Group> groups = split(ctx, in, natives);
        for (double q : qs) {
            String qs1 = Double.isNaN(q) ? "NaN" : OpenMetricsFloat.format(q);
            for (int i : natives) {
                Labels l = new LabelsBuilder(dropName(ctx, in.labels(i))).set(label, qs1).build();
                ctx.out.add(l, ctx.ts, NativeQuantiles.quantile(ctx, q, in.histogram(i), in.labels(i).metricName()),
                        true);
            }
            for (Group g : groups.values()) {
                Labels l = new LabelsBuilder(dropName(ctx, g.labels)).set(label, qs1).build();
                ctx.out.add(l, ctx.ts, bucketQuantile(ctx, q, g), true);
            }
        }
    }

    static void fraction(FunctionContext ctx) {
        if (ctx.vectorArgs[0].isEmpty() || ctx.vectorArgs[1].isEmpty()) {
            return;
        }
        double lower = ctx.scalarArg(0);
        double upper = ctx.scalarArg(1);
        Vector in = ctx.vectorArgs[2];
        List<Integer> natives = new ArrayList<>();
        Map<String, Group> groups = split(ctx, in, natives);
        for (int i : natives) {
            ctx.out.add(dropName(ctx, in.labels(i)), ctx.ts,
                    NativeQuantiles.fraction(ctx, lower, upper, in.histogram(i), in.labels(i).metricName()), true);
        }
        for (Group g : groups.values()) {
            ctx.out.add(dropName(ctx, g.labels), ctx.ts, bucketFraction(lower, upper, sorted(g)), true);
        }
    }

    private static String stringArg(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return ((StringLiteral) e).value();
    }

    private static double[][] sorted(Group g) {
        double[][] b = g.buckets.toArray(new double[0][]);
        Arrays.sort(b, (x, y) -> Double.compare(x[0], y[0]));
        return coalesce(b);
    }

    private static double[][] coalesce(double[][] b) {
        List<double[]> out = new ArrayList<>();
        double[] last = b[0].clone();
        for (int i = 1; i < b.length; i++) {
            if (b[i][0] == last[0]) {
                last[1] += b[i][1];
            } else {
                out.add(last);
                last = b[i].clone();
            }
        }
        out.add(last);
        return out.toArray(new double[0][]);
    }

    /** Prometheus's BucketQuantile, including the monotonicity fixes and their info annotation. */
    private static double bucketQuantile(FunctionContext ctx, double q, Group g) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] raw = g.buckets.toArray(new double[0][]);
        Arrays.sort(raw, (x, y) -> Double.compare(x[0], y[0]));
        if (raw[raw.length - 1][0] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double[][] b = coalesce(raw);
        boolean forced = false;
        double prev = b[0][1];
        for (int i = 1; i < b.length; i++) {
            double curr = b[i][1];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, 1e-12)) {
                b[i][1] = prev;
                continue;
            }
            if (curr < prev) {
                b[i][1] = prev;
                forced = true;
                continue;
            }
            prev = curr;
        }
        if (forced) {
            ctx.annotations.addInfo(PromqlAnnotations.histogramQuantileForcedMonotonicity(
                    ctx.delayedNameRemoval ? g.labels.metricName() : ""));
        }
        if (b.length < 2) {
            return Double.NaN;
        }
        double observations = b[b.length - 1][1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int idx = 0;
        int n = b.length - 1;
        while (idx < n && !(b[idx][1] >= rank)) {
            idx++;
        }
        if (idx == b.length - 1) {
            return b[b.length - 2][0];
        }
        if (idx == 0 && b[0][0] <= 0) {
            return b[0][0];
        }
        double bucketStart = 0;
        double bucketEnd = b[idx][0];
        double count = b[idx][1];
        if (idx > 0) {
            bucketStart = b[idx - 1][0];
            count -= b[idx - 1][1];
            rank -= b[idx - 1][1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** Prometheus's BucketFraction over sorted, coalesced buckets. */
    private static double bucketFraction(double lower, double upper, double[][] b) {
        if (b[b.length - 1][0] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double count = b[b.length - 1][1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        double lowerBound = b[0][0] <= 0 ? Double.NEGATIVE_INFINITY : 0;
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                lowerBound = b[i - 1][0];
            }
            double upperBound = b[i][0];
            double bc = b[i][1];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = lowerBound == Double.NEGATIVE_INFINITY ? bc
                        : rank + (bc - rank) * (lower - lowerBound) / (upperBound - lowerBound);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper) {
                upperRank = lowerBound == Double.NEGATIVE_INFINITY ? bc
                        : rank + (bc - rank) * (upper - lowerBound) / (upperBound - lowerBound);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = bc;
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    /** util/almost.Equal with a custom epsilon. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        double minNormal = Double.MIN_NORMAL;
        if (a == 0 || b == 0 || absSum < minNormal) {
            return diff < epsilon * minNormal;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }
}
