package io.ignis.promql.functions;

import io.ignis.model.FloatHistogram;
import java.util.Collections;
import java.util.List;

/** histogram_quantile and histogram_fraction over one native histogram (Prometheus's quantile.go). */
final class NativeQuantiles {
    private NativeQuantiles() {
    }

    static double quantile(FunctionContext ctx, double q, FloatHistogram h, String metricName) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (h.count() == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        List<HistogramMath.Bucket> all = HistogramMath.allBuckets(h);
        boolean forward = Double.isNaN(h.sum()) || q < 0.5;
        if (!forward) {
            Collections.reverse(all);
        }
        double rank = forward ? q * h.count() : (1 - q) * h.count();
        double count = 0;
        HistogramMath.Bucket bucket = null;
        int pos = 0;
        for (; pos < all.size(); pos++) {
            HistogramMath.Bucket b = all.get(pos);
            bucket = b;
            if (b.count() == 0) {
                continue;
            }
            count += b.count();
            if (count >= rank) {
                break;
            }
        }
        if (bucket == null) {
            bucket = new HistogramMath.Bucket(0, 0, 0);
        }
        double lower = bucket.lower();
        double upper = bucket.upper();
        boolean custom = h.schema() == -53;
        if (!custom && lower < 0 && upper > 0) {
            if (h.negativeBuckets().length == 0 && h.positiveBuckets().length > 0) {
                lower = 0;
            } else if (h.positiveBuckets().length == 0 && h.negativeBuckets().length > 0) {
                upper = 0;
            }
        } else if (custom) {
            if (lower == Double.NEGATIVE_INFINITY) {
                if (upper <= 0) {
                    return upper;
                }
                lower = 0;
            } else if (upper == Double.POSITIVE_INFINITY) {
                return lower;
            }
        }
        if (count > h.count()) {
            count = h.count();
        }
        if (count < rank) {
            if (Double.isNaN(h.sum())) {
                ctx.annotations.addInfo(PromqlAnnotations.nativeHistogramQuantileNaNResult(metricName));
                return Double.NaN;
            }
            return upper;
        }
        if (forward) {
            rank -= count - bucket.count();
        } else {
            rank = count - rank;
        }
        if (Double.isNaN(h.sum())) {
            for (int k = pos + 1; k < all.size(); k++) {
                count += all.get(k).count();
            }
            if (count < h.count()) {
                ctx.annotations.addInfo(PromqlAnnotations.nativeHistogramQuantileNaNSkew(metricName));
            }
        }
        double fraction = rank / bucket.count();
        if (custom || (lower <= 0 && upper >= 0)) {
            return lower + (upper - lower) * fraction;
        }
        double logLower = log2(Math.abs(lower));
        double logUpper = log2(Math.abs(upper));
        if (lower > 0) {
            return Math.pow(2, logLower + (logUpper - logLower) * fraction);
        }
        return -Math.pow(2, logUpper + (logLower - logUpper) * (1 - fraction));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    static double fraction(FunctionContext ctx, double lowerQ, double upperQ, FloatHistogram h, String metricName) {
        if (h.count() == 0 || Double.isNaN(lowerQ) || Double.isNaN(upperQ)) {
            return Double.NaN;
        }
        if (lowerQ >= upperQ) {
            return 0;
        }
        double count = 0;
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        boolean custom = h.schema() == -53;
        List<HistogramMath.Bucket> all = HistogramMath.allBuckets(h);
        int pos = 0;
        for (; pos < all.size(); pos++) {
            HistogramMath.Bucket b = all.get(pos);
            count += b.count();
            double lower = b.lower();
            double upper = b.upper();
            boolean zeroBucket = false;
            if (lower <= 0 && upper >= 0) {
                zeroBucket = true;
                if (h.negativeBuckets().length == 0 && h.positiveBuckets().length > 0) {
                    lower = 0;
                } else if (h.positiveBuckets().length == 0 && h.negativeBuckets().length > 0) {
                    upper = 0;
                }
            }
            if (!lowerSet && lower >= lowerQ) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lower >= upperQ) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            boolean linear = custom || zeroBucket;
            if (!lowerSet && lower < lowerQ && upper > lowerQ) {
                lowerRank = interpolate(rank, b.count(), lower, upper, lowerQ, linear);
                lowerSet = true;
            }
            if (!upperSet && lower < upperQ && upper > upperQ) {
                upperRank = interpolate(rank, b.count(), lower, upper, upperQ, linear);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank += b.count();
        }
        if (Double.isNaN(h.sum())) {
            for (int k = pos + 1; k < all.size(); k++) {
                count += all.get(k).count();
            }
            if (count < h.count()) {
                ctx.annotations.addInfo(PromqlAnnotations.nativeHistogramFractionNaNs(metricName));
            }
        } else {
            count = h.count();
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / h.count();
    }

    private static double interpolate(double rank, double count, double lower, double upper, double v,
                                      boolean linear) {
        if (linear) {
            if (lower == Double.NEGATIVE_INFINITY) {
                return count;
            }
            return rank + count * (v - lower) / (upper - lower);
        }
        double logLower = log2(Math.abs(lower));
        double logUpper = log2(Math.abs(upper));
        double logV = log2(Math.abs(v));
        double frac = v > 0 ? (logV - logLower) / (logUpper - logLower)
                : 1 - ((logV - logUpper) / (logLower - logUpper));
        return rank + count * frac;
    }
}
