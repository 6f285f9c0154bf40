package io.ignis.promql.functions;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A native histogram being computed on: buckets as index → count maps, so addition, subtraction, schema
 * reduction and zero-bucket widening follow Prometheus's FloatHistogram.Add/Sub without span bookkeeping.
 * Converted back with {@link #toHistogram()}, which drops empty buckets (Compact(0)).
 */
public final class MutableHistogram {
    /** Thrown when exponential and custom-bucket histograms meet (ErrHistogramsIncompatibleSchema). */
    public static final class IncompatibleSchemaException extends RuntimeException {
        IncompatibleSchemaException() {
            super("cannot apply this operation on histograms with a mix of exponential and custom bucket schemas",
                    null, false, false);
        }
    }

    CounterResetHint hint;
    int schema;
    double zeroThreshold;
    double zeroCount;
    double count;
    double sum;
    TreeMap<Integer, Double> positive;
    TreeMap<Integer, Double> negative;
    double[] customValues;
    /** Set by add/sub: a counter-reset hint collision (reset vs not_reset). */
    public boolean counterResetCollision;
    /** Set by add/sub: custom bucket bounds had to be reconciled. */
    public boolean boundsReconciled;
    /** Kahan compensation terms, used by {@link #kahanAdd}; folded in by {@link #toHistogram()}. */
    private boolean compensated;
    private double countC;
    private double sumC;
    private double zeroCountC;
    private TreeMap<Integer, Double> positiveC = new TreeMap<>();
    private TreeMap<Integer, Double> negativeC = new TreeMap<>();

    public static MutableHistogram of(FloatHistogram h) {
        MutableHistogram m = new MutableHistogram();
        m.hint = h.counterResetHint();
        m.schema = h.schema();
        m.zeroThreshold = h.zeroThreshold();
        m.zeroCount = h.zeroCount();
        m.count = h.count();
        m.sum = h.sum();
        m.positive = HistogramMath.buckets(h.positiveSpans(), h.positiveBuckets(), false);
        m.negative = HistogramMath.buckets(h.negativeSpans(), h.negativeBuckets(), false);
        m.customValues = h.customValues();
        return m;
    }

    /** An independent copy, compensation terms included. */
    public MutableHistogram copy() {
        MutableHistogram m = new MutableHistogram();
        m.countC = countC;
        m.sumC = sumC;
        m.zeroCountC = zeroCountC;
        m.positiveC = new TreeMap<>(positiveC);
        m.negativeC = new TreeMap<>(negativeC);
        m.hint = hint;
        m.schema = schema;
        m.zeroThreshold = zeroThreshold;
        m.zeroCount = zeroCount;
        m.count = count;
        m.sum = sum;
        m.positive = new TreeMap<>(positive);
        m.negative = new TreeMap<>(negative);
        m.customValues = customValues;
        m.compensated = compensated;
        return m;
    }

    /** Whether any count or the sum is infinite (FloatHistogram.HasOverflow). */
    public boolean hasOverflow() {
        if (Double.isInfinite(count) || Double.isInfinite(sum) || Double.isInfinite(zeroCount)) {
            return true;
        }
        for (double v : positive.values()) {
            if (Double.isInfinite(v)) {
                return true;
            }
        }
        for (double v : negative.values()) {
            if (Double.isInfinite(v)) {
                return true;
            }
        }
        return false;
    }

    public boolean usesCustomBuckets() {
        return schema == -53;
    }

    public CounterResetHint hint() {
        return hint;
    }

    public void setHint(CounterResetHint hint) {
        this.hint = hint;
    }

    public double count() {
        return count + countC;
    }

    public void add(FloatHistogram other) {
        combine(other, 1);
    }

    /**
     * Adds with compensated (Kahan-Neumaier) summation of every count, as Prometheus's KahanAdd does for
     * sum/avg aggregations, so large values that cancel out do not swallow small ones.
     */
    public void kahanAdd(FloatHistogram other) {
        compensated = true;
        combine(other, 1);
    }

    private static double[] kahanStep(double inc, double sum, double c) {
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

    /** Folds the compensation terms into the values (before any layout change and at the end). */
    private void foldCompensation() {
        if (!compensated) {
            return;
        }
        count += countC;
        sum += sumC;
        zeroCount += zeroCountC;
        positiveC.forEach((k, v) -> positive.merge(k, v, Double::sum));
        negativeC.forEach((k, v) -> negative.merge(k, v, Double::sum));
        countC = 0;
        sumC = 0;
        zeroCountC = 0;
        positiveC.clear();
        negativeC.clear();
    }

    public void sub(FloatHistogram other) {
        combine(other, -1);
    }

    /** Divides every count and the sum (and their compensation terms) by {@code d}, as FloatHistogram.Div. */
    public void divide(double d) {
        zeroCount /= d;
        count /= d;
        sum /= d;
        positive.replaceAll((k, v) -> v / d);
        negative.replaceAll((k, v) -> v / d);
        zeroCountC /= d;
        countC /= d;
        sumC /= d;
        positiveC.replaceAll((k, v) -> v / d);
        negativeC.replaceAll((k, v) -> v / d);
        if (d < 0) {
            hint = CounterResetHint.GAUGE;
        }
    }

    /** Multiplies every count and the sum (and their compensation terms) by {@code factor}. */
    public void scale(double factor) {
        zeroCount *= factor;
        count *= factor;
        sum *= factor;
        positive.replaceAll((k, v) -> v * factor);
        negative.replaceAll((k, v) -> v * factor);
        zeroCountC *= factor;
        countC *= factor;
        sumC *= factor;
        positiveC.replaceAll((k, v) -> v * factor);
        negativeC.replaceAll((k, v) -> v * factor);
        if (factor < 0) {
            hint = CounterResetHint.GAUGE;
        }
    }

    private void combine(FloatHistogram o, double sign) {
        if (usesCustomBuckets() != (o.schema() == -53)) {
            throw new IncompatibleSchemaException();
        }
        adjustCounterReset(o.counterResetHint());
        if (compensated) {
            double[] r = kahanStep(sign * o.count(), count, countC);
            count = r[0];
            countC = r[1];
            r = kahanStep(sign * o.sum(), sum, sumC);
            sum = r[0];
            sumC = r[1];
        } else {
            count += sign * o.count();
            sum += sign * o.sum();
        }
        TreeMap<Integer, Double> oPos = HistogramMath.buckets(o.positiveSpans(), o.positiveBuckets(), false);
        if (usesCustomBuckets()) {
            if (Arrays.equals(customValues, o.customValues())) {
                addInto(positive, oPos, sign, Double.NEGATIVE_INFINITY);
            } else {
                foldCompensation();
                boundsReconciled = true;
                double[] bounds = intersect(customValues, o.customValues());
                TreeMap<Integer, Double> mapped = mapToBounds(positive, customValues, bounds);
                addInto(mapped, mapToBounds(oPos, o.customValues(), bounds), sign, Double.NEGATIVE_INFINITY);
                positive = mapped;
                customValues = bounds;
            }
            return;
        }
        MutableHistogram other = of(o);
        if (other.zeroThreshold != zeroThreshold || other.schema < schema) {
            foldCompensation();
        }
        double otherZeroCount = reconcileZeroBuckets(other);
        if (compensated) {
            double[] r = kahanStep(sign * otherZeroCount, zeroCount, zeroCountC);
            zeroCount = r[0];
            zeroCountC = r[1];
        } else {
            zeroCount += sign * otherZeroCount;
        }
        if (other.schema < schema) {
            reduceResolution(other.schema);
        } else if (other.schema > schema) {
            other.reduceResolution(schema);
        }
        addInto(positive, other.positive, sign, zeroThreshold);
        addInto(negative, other.negative, sign, zeroThreshold);
    }

    /** Adds {@code from} into {@code into}, skipping leading buckets that lie within the zero bucket. */
    private void addInto(TreeMap<Integer, Double> into, TreeMap<Integer, Double> from, double sign, double threshold) {
        boolean lowerThanThreshold = true;
        for (Map.Entry<Integer, Double> e : from.entrySet()) {
            if (lowerThanThreshold && !usesCustomBuckets() && bound(e.getKey()) <= threshold) {
                continue;
            }
            lowerThanThreshold = false;
            if (compensated && (into == positive || into == negative)) {
                TreeMap<Integer, Double> comp = into == positive ? positiveC : negativeC;
                double cur = into.getOrDefault(e.getKey(), 0.0);
                double[] r = kahanStep(sign * e.getValue(), cur, comp.getOrDefault(e.getKey(), 0.0));
                into.put(e.getKey(), r[0]);
                comp.put(e.getKey(), r[1]);
            } else {
                into.merge(e.getKey(), sign * e.getValue(), Double::sum);
            }
        }
    }

    private double bound(int idx) {
        if (schema <= 0) {
            return Math.scalb(1.0, idx << -schema);
        }
        return Math.pow(2, idx / Math.pow(2, schema));
    }

    /** Reduces the schema to {@code target} (lower resolution), merging buckets. */
    public void reduceResolution(int target) {
        if (target >= schema || usesCustomBuckets()) {
            return;
        }
        foldCompensation();
        int delta = schema - target;
        positive = reduce(positive, delta);
        negative = reduce(negative, delta);
        schema = target;
    }

    private static TreeMap<Integer, Double> reduce(TreeMap<Integer, Double> m, int delta) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : m.entrySet()) {
            out.merge(((e.getKey() - 1) >> delta) + 1, e.getValue(), Double::sum);
        }
        return out;
    }

    private void adjustCounterReset(CounterResetHint other) {
        if (other == hint || hint == CounterResetHint.GAUGE) {
            return;
        }
        if (other == CounterResetHint.GAUGE) {
            hint = CounterResetHint.GAUGE;
        } else if (hint == CounterResetHint.UNKNOWN) {
            return;
        } else if (other == CounterResetHint.UNKNOWN) {
            hint = CounterResetHint.UNKNOWN;
        } else {
            hint = CounterResetHint.UNKNOWN;
            counterResetCollision = true;
        }
    }

    /** Widens the zero buckets of this and {@code other} to a common threshold; returns other's zero count. */
    private double reconcileZeroBuckets(MutableHistogram other) {
        double otherZeroCount = other.zeroCount;
        double otherThreshold = other.zeroThreshold;
        while (otherThreshold != zeroThreshold) {
            if (zeroThreshold > otherThreshold) {
                double[] r = other.zeroCountForLargerThreshold(zeroThreshold);
                otherZeroCount = r[0];
                otherThreshold = r[1];
            }
            if (otherThreshold > zeroThreshold) {
                double[] r = zeroCountForLargerThreshold(otherThreshold);
                zeroCount = r[0];
                zeroThreshold = r[1];
                trimBucketsInZeroBucket();
            }
        }
        return otherZeroCount;
    }

    private double[] zeroCountForLargerThreshold(double larger) {
        if (larger == zeroThreshold) {
            return new double[] {zeroCount, larger};
        }
        outer:
        while (true) {
            double zc = zeroCount;
            for (Map.Entry<Integer, Double> e : positive.entrySet()) {
                double lower = bound(e.getKey() - 1);
                double upper = bound(e.getKey());
                if (lower >= larger) {
                    break;
                }
                zc += e.getValue();
                if (upper > larger) {
                    if (e.getValue() != 0) {
                        larger = upper;
                    }
                    break;
                }
            }
            for (Map.Entry<Integer, Double> e : negative.entrySet()) {
                double upper = -bound(e.getKey() - 1);
                double lower = -bound(e.getKey());
                if (upper <= -larger) {
                    break;
                }
                zc += e.getValue();
                if (lower < -larger) {
                    if (e.getValue() != 0) {
                        larger = -lower;
                        continue outer;
                    }
                    break;
                }
            }
            return new double[] {zc, larger};
        }
    }

    private void trimBucketsInZeroBucket() {
        positive.entrySet().removeIf(e -> bound(e.getKey() - 1) < zeroThreshold);
        negative.entrySet().removeIf(e -> -bound(e.getKey() - 1) > -zeroThreshold);
    }

    private static double[] intersect(double[] a, double[] b) {
        List<Double> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out.add(a[i]);
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        double[] r = new double[out.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = out.get(k);
        }
        return r;
    }

    /** Moves each custom bucket into the first target bucket whose bound is at least its own. */
    private static TreeMap<Integer, Double> mapToBounds(TreeMap<Integer, Double> m, double[] from, double[] to) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : m.entrySet()) {
            double upper = e.getKey() < from.length ? from[e.getKey()] : Double.POSITIVE_INFINITY;
            int target = to.length;
            for (int k = 0; k < to.length; k++) {
                if (to[k] >= upper) {
                    target = k;
                    break;
                }
            }
            out.merge(target, e.getValue(), Double::sum);
        }
        return out;
    }

    /** The immutable histogram, empty buckets dropped. */
    public FloatHistogram toHistogram() {
        foldCompensation();
        List<Span> ps = new ArrayList<>();
        double[] pb = spans(positive, ps);
        List<Span> ns = new ArrayList<>();
        double[] nb = spans(negative, ns);
        return new FloatHistogram(hint, schema, zeroThreshold, zeroCount, count, sum, ps.toArray(new Span[0]), pb,
                ns.toArray(new Span[0]), nb, usesCustomBuckets() ? customValues : new double[0]);
    }

    private static double[] spans(TreeMap<Integer, Double> m, List<Span> out) {
        List<Double> counts = new ArrayList<>();
        int prevEnd = 0;
        int start = 0;
        int len = 0;
        for (Map.Entry<Integer, Double> e : m.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            int idx = e.getKey();
            if (len > 0 && idx == start + len) {
                len++;
            } else {
                if (len > 0) {
                    out.add(new Span(out.isEmpty() ? start : start - prevEnd, len));
                    prevEnd = start + len;
                }
                start = idx;
                len = 1;
            }
            counts.add(e.getValue());
        }
        if (len > 0) {
            out.add(new Span(out.isEmpty() ? start : start - prevEnd, len));
        }
        double[] r = new double[counts.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = counts.get(k);
        }
        return r;
    }
}
