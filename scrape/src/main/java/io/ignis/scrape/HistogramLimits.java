package io.ignis.scrape;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;

/**
 * A job's native histogram limits, applied to each scraped histogram before it is appended, as Prometheus's
 * {@code maxSchemaAppender} and {@code bucketLimitAppender}: first {@code native_histogram_min_bucket_factor}
 * caps the schema, then {@code native_histogram_bucket_limit} lowers it one step at a time until the positive and
 * negative buckets together fit. A histogram that cannot fit (custom buckets, or already at schema -4) fails the
 * scrape with {@link #ERR_BUCKET_LIMIT}.
 *
 * @param bucketLimit most buckets per histogram; 0 for no limit
 * @param maxSchema highest schema allowed; {@link #SCHEMA_MAX} for no cap
 */
record HistogramLimits(long bucketLimit, int maxSchema) {
    static final String ERR_BUCKET_LIMIT = "histogram bucket limit exceeded";

    static final int SCHEMA_MIN = -4;
    static final int SCHEMA_MAX = 8;
    private static final int SCHEMA_MIN_RESERVED = -9;
    private static final int SCHEMA_MAX_RESERVED = 52;

    private static final double LOG2_E = 1 / Math.log(2);

    static final HistogramLimits NONE = new HistogramLimits(0, SCHEMA_MAX);

    static HistogramLimits of(long bucketLimit, double minBucketFactor) {
        return new HistogramLimits(bucketLimit, pickSchema(minBucketFactor));
    }

    /**
     * Prometheus's {@code pickSchema}: the highest schema whose bucket growth factor 2^(2^-schema) is at least
     * {@code factor}, within -4…8; a factor of 1 or less means the finest, 8.
     */
    static int pickSchema(double factor) {
        double f = factor <= 1 ? 1.00271 : factor;
        double floor = Math.floor(-log2(log2(f)));
        if (floor >= SCHEMA_MAX) {
            return SCHEMA_MAX;
        }
        if (floor <= SCHEMA_MIN) {
            return SCHEMA_MIN;
        }
        return (int) floor;
    }

    /** True when no histogram is ever changed or refused. */
    boolean none() {
        return bucketLimit <= 0 && maxSchema >= SCHEMA_MAX;
    }

    /**
     * {@code h} within the limits: {@code h} itself when it fits, a reduced copy otherwise, null when the bucket
     * limit cannot be met. Throws IllegalArgumentException when its spans are invalid.
     */
    Histogram apply(Histogram h) {
        if (maxSchema < SCHEMA_MAX && isReservedExponential(h.schema()) && h.schema() > maxSchema) {
            h = HistogramResolution.reduce(h, maxSchema);
        }
        if (bucketLimit <= 0) {
            return h;
        }
        if (buckets(h) > bucketLimit && !isExponential(h.schema())) {
            return null;
        }
        while (buckets(h) > bucketLimit) {
            if (h.schema() <= SCHEMA_MIN) {
                return null;
            }
            h = HistogramResolution.reduce(h, h.schema() - 1);
        }
        return h;
    }

    /** As {@link #apply(Histogram)} for a float histogram. */
    FloatHistogram apply(FloatHistogram h) {
        if (maxSchema < SCHEMA_MAX && isReservedExponential(h.schema()) && h.schema() > maxSchema) {
            h = HistogramResolution.reduce(h, maxSchema);
        }
        if (bucketLimit <= 0) {
            return h;
        }
        if (buckets(h) > bucketLimit && !isExponential(h.schema())) {
            return null;
        }
        while (buckets(h) > bucketLimit) {
            if (h.schema() <= SCHEMA_MIN) {
                return null;
            }
            h = HistogramResolution.reduce(h, h.schema() - 1);
        }
        return h;
    }

    private static long buckets(Histogram h) {
        return (long) h.positiveDeltas().length + h.negativeDeltas().length;
    }

    private static long buckets(FloatHistogram h) {
        return (long) h.positiveBuckets().length + h.negativeBuckets().length;
    }

    private static boolean isExponential(int schema) {
        return schema >= SCHEMA_MIN && schema <= SCHEMA_MAX;
    }

    private static boolean isReservedExponential(int schema) {
        return schema >= SCHEMA_MIN_RESERVED && schema <= SCHEMA_MAX_RESERVED;
    }

    /** Go's math.Log2, exact for powers of two, so factors such as 2 or 4 land on their schema exactly. */
    static double log2(double x) {
        int exp = Math.getExponent(x) + 1;
        double frac = Math.scalb(x, -exp);
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * LOG2_E + exp;
    }
}
