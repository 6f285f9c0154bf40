package io.ignis.promql.functions;

import io.ignis.model.FloatHistogram;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trim operators {@code h </ x} (keep observations below x) and {@code h >/ x} (keep those above),
 * interpolating inside the bucket that contains x and re-estimating the sum from bucket midpoints, as
 * Prometheus's FloatHistogram.TrimBuckets.
 */
public final class HistogramTrim {
    private HistogramTrim() {
    }

    public static FloatHistogram trim(FloatHistogram h, double rhs, boolean upperTrim) {
        MutableHistogram m = MutableHistogram.of(h);
        boolean custom = m.usesCustomBuckets();
        double count = 0;
        double sum = 0;
        boolean trimmed = false;
        boolean hasPositive = false;
        boolean hasNegative = false;
        for (int side = 0; side < 2; side++) {
            boolean positive = side == 0;
            TreeMap<Integer, Double> buckets = positive ? m.positive : m.negative;
            for (Map.Entry<Integer, Double> e : buckets.entrySet()) {
                double c = e.getValue();
                if (c == 0) {
                    continue;
                }
                if (positive) {
                    hasPositive = true;
                } else {
                    hasNegative = true;
                }
                double lower;
                double upper;
                if (positive) {
                    lower = HistogramMath.bound(e.getKey() - 1, h);
                    upper = HistogramMath.bound(e.getKey(), h);
                } else {
                    lower = -HistogramMath.bound(e.getKey(), h);
                    upper = -HistogramMath.bound(e.getKey() - 1, h);
                }
                boolean keepAll = upperTrim ? upper <= rhs : lower >= rhs;
                boolean partial = upperTrim ? lower < rhs : upper > rhs;
                if (keepAll) {
                    count += c;
                    sum += midpoint(lower, upper, positive, custom) * c;
                } else if (partial) {
                    double[] r = bucketTrim(lower, upper, c, rhs, upperTrim, positive, custom);
                    count += r[0];
                    sum += r[1] * r[0];
                    if (c != r[0]) {
                        e.setValue(r[0]);
                        trimmed = true;
                    }
                } else {
                    e.setValue(0.0);
                    trimmed = true;
                }
            }
        }
        if (m.zeroCount > 0) {
            double[] r = zeroBucketTrim(-m.zeroThreshold, m.zeroThreshold, m.zeroCount, rhs, hasNegative, hasPositive,
                    upperTrim);
            if (m.zeroCount != r[0]) {
                m.zeroCount = r[0];
                trimmed = true;
            }
            sum += r[1] * r[0];
            count += r[0];
        }
        if (!trimmed) {
            return h;
        }
        m.count = count;
        m.sum = sum;
        return m.toHistogram();
    }

    private static double[] bucketTrim(double lower, double upper, double count, double rhs, boolean upperTrim,
                                       boolean positive, boolean custom) {
        if (Double.isInfinite(lower) || Double.isInfinite(upper)) {
            return infinityBucket(upperTrim, lower, upper, count, rhs);
        }
        double under;
        if (rhs <= lower) {
            under = 0;
        } else if (rhs >= upper) {
            under = count;
        } else {
            under = count * fractionBelow(lower, upper, rhs, custom);
        }
        if (upperTrim) {
            return new double[] {under, midpoint(lower, rhs, positive, custom)};
        }
        return new double[] {count - under, midpoint(rhs, upper, positive, custom)};
    }

    private static double fractionBelow(double lower, double upper, double v, boolean linear) {
        if (linear) {
            return (v - lower) / (upper - lower);
        }
        double logLower = log2(Math.abs(lower));
        double logUpper = log2(Math.abs(upper));
        double logV = log2(Math.abs(v));
        if (v > 0) {
            return (logV - logLower) / (logUpper - logLower);
        }
        return 1 - ((logV - logUpper) / (logLower - logUpper));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static double[] infinityBucket(boolean upperTrim, double lower, double upper, double count, double rhs) {
        if (lower == Double.NEGATIVE_INFINITY) {
            if (upperTrim) {
                if (rhs >= upper) {
                    return new double[] {count, 0};
                }
                if (rhs > 0 && upper > 0 && upper != Double.POSITIVE_INFINITY) {
                    return new double[] {count * rhs / upper, rhs / 2};
                }
                if (upper <= 0) {
                    return new double[] {count, rhs};
                }
                return new double[] {0, zeroIfInf(upper)};
            }
            if (rhs <= lower) {
                return new double[] {count, 0};
            }
            if (rhs >= 0 && upper > rhs && upper != Double.POSITIVE_INFINITY) {
                return new double[] {count * (1 - rhs / upper), (rhs + upper) / 2};
            }
            return new double[] {0, zeroIfInf(upper)};
        }
        if (upperTrim) {
            return new double[] {0, zeroIfInf(lower)};
        }
        if (rhs >= lower) {
            return new double[] {count, rhs};
        }
        return new double[] {0, zeroIfInf(lower)};
    }

    private static double zeroIfInf(double x) {
        return Double.isInfinite(x) ? 0 : x;
    }

    private static double[] zeroBucketTrim(double lower, double upper, double count, double rhs, boolean hasNegative,
                                           boolean hasPositive, boolean upperTrim) {
        if (hasNegative && !hasPositive) {
            upper = 0;
        }
        if (hasPositive && !hasNegative) {
            lower = 0;
        }
        double fraction;
        double mid;
        if (upperTrim) {
            if (rhs <= lower) {
                return new double[] {0, 0};
            }
            if (rhs >= upper) {
                return new double[] {count, (lower + upper) / 2};
            }
            fraction = (rhs - lower) / (upper - lower);
            mid = (lower + rhs) / 2;
        } else {
            if (rhs <= lower) {
                return new double[] {count, (lower + upper) / 2};
            }
            if (rhs >= upper) {
                return new double[] {0, 0};
            }
            fraction = (upper - rhs) / (upper - lower);
            mid = (rhs + upper) / 2;
        }
        return new double[] {count * fraction, mid};
    }

    private static double midpoint(double lower, double upper, boolean positive, boolean linear) {
        if (Double.isInfinite(lower)) {
            if (Double.isInfinite(upper)) {
                return 0;
            }
            return upper > 0 ? upper / 2 : upper;
        }
        if (Double.isInfinite(upper)) {
            return lower;
        }
        if (linear) {
            return (lower + upper) / 2;
        }
        double geoMean = Math.sqrt(Math.abs(lower * upper));
        return positive ? geoMean : -geoMean;
    }
}
