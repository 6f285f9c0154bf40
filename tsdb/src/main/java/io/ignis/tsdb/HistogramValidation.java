package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;

/**
 * Prometheus's {@code Histogram.Validate} and {@code FloatHistogram.Validate}, run on append: a histogram whose
 * spans and buckets disagree, with negative bucket counts, or with a count that does not add up is refused, so
 * no chunk or WAL record ever holds one. Returns Prometheus's error text, or null when the histogram is valid.
 */
final class HistogramValidation {
    private static final String SPANS_BUCKETS_MISMATCH =
            "histogram spans specify different number of buckets than provided";
    private static final String NEGATIVE_BUCKET = "histogram has a bucket whose observation count is negative";
    private static final String NEGATIVE_OFFSET = "histogram has a span whose offset is negative";

    private HistogramValidation() {
    }

    static String validate(Histogram h) {
        long nCount = 0;
        if (h.schema() == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            String err = customBuckets(h.customValues(), h.positiveSpans(), h.positiveDeltas().length,
                    h.zeroCount() != 0, h.zeroThreshold(), h.negativeSpans().length, h.negativeDeltas().length);
            if (err != null) {
                return err;
            }
        } else if (h.schema() >= -4 && h.schema() <= 8) {
            String err = spans("positive side: ", h.positiveSpans(), h.positiveDeltas().length);
            if (err == null) {
                err = spans("negative side: ", h.negativeSpans(), h.negativeDeltas().length);
            }
            if (err != null) {
                return err;
            }
            long[] sum = new long[1];
            err = deltaBuckets("negative side: ", h.negativeDeltas(), sum);
            if (err != null) {
                return err;
            }
            nCount = sum[0];
            if (h.customValues().length > 0) {
                return "histogram with exponential schema must not have custom bounds";
            }
        } else {
            return invalidSchema(h.schema());
        }
        long[] sum = new long[1];
        String err = deltaBuckets("positive side: ", h.positiveDeltas(), sum);
        if (err != null) {
            return err;
        }
        long inBuckets = nCount + sum[0] + h.zeroCount();
        if (Double.isNaN(h.sum())) {
            if (Long.compareUnsigned(inBuckets, h.count()) > 0) {
                return inBuckets + " observations found in buckets, but the Count field is "
                        + Long.toUnsignedString(h.count()) + ": histogram's observation count should be at least the"
                        + " number of observations found in the buckets";
            }
        } else if (inBuckets != h.count()) {
            return inBuckets + " observations found in buckets, but the Count field is "
                    + Long.toUnsignedString(h.count()) + ": histogram's observation count should equal the number of"
                    + " observations found in the buckets (in absence of NaN)";
        }
        return null;
    }

    static String validate(FloatHistogram h) {
        if (h.schema() == Histogram.CUSTOM_BUCKETS_SCHEMA) {
            String err = customBuckets(h.customValues(), h.positiveSpans(), h.positiveBuckets().length,
                    h.zeroCount() != 0, h.zeroThreshold(), h.negativeSpans().length, h.negativeBuckets().length);
            if (err != null) {
                return err;
            }
        } else if (h.schema() >= -4 && h.schema() <= 8) {
            String err = spans("positive side: ", h.positiveSpans(), h.positiveBuckets().length);
            if (err == null) {
                err = spans("negative side: ", h.negativeSpans(), h.negativeBuckets().length);
            }
            if (err == null) {
                err = floatBuckets("negative side: ", h.negativeBuckets());
            }
            if (err != null) {
                return err;
            }
            if (h.zeroCount() < 0) {
                return "zero bucket has observation count of " + h.zeroCount() + ": " + NEGATIVE_BUCKET;
            }
            if (h.customValues().length > 0) {
                return "histogram with exponential schema must not have custom bounds";
            }
        } else {
            return invalidSchema(h.schema());
        }
        if (h.count() < 0) {
            return "observation count is  " + h.count() + ": histogram's observation count is negative";
        }
        return floatBuckets("positive side: ", h.positiveBuckets());
    }

    private static String invalidSchema(int schema) {
        return "histogram has an invalid schema, which must be between -4 and 8 for exponential buckets, or -53 for"
                + " custom buckets, got schema " + schema;
    }

    private static String spans(String side, Span[] spans, int numBuckets) {
        long need = 0;
        for (int n = 0; n < spans.length; n++) {
            if (n > 0 && spans[n].offset() < 0) {
                return side + "span number " + (n + 1) + " with offset " + spans[n].offset() + ": " + NEGATIVE_OFFSET;
            }
            need += Integer.toUnsignedLong(spans[n].length());
        }
        if (need != numBuckets) {
            return side + "spans need " + need + " buckets, have " + numBuckets + " buckets: "
                    + SPANS_BUCKETS_MISMATCH;
        }
        return null;
    }

    private static String deltaBuckets(String side, long[] deltas, long[] sum) {
        long last = 0;
        for (int i = 0; i < deltas.length; i++) {
            long c = last + deltas[i];
            if (c < 0) {
                return side + "bucket number " + (i + 1) + " has observation count of " + c + ": " + NEGATIVE_BUCKET;
            }
            last = c;
            sum[0] += c;
        }
        return null;
    }

    private static String floatBuckets(String side, double[] buckets) {
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] < 0) {
                return side + "bucket number " + (i + 1) + " has observation count of " + buckets[i] + ": "
                        + NEGATIVE_BUCKET;
            }
        }
        return null;
    }

    private static String customBuckets(double[] bounds, Span[] spans, int numBuckets, boolean hasZeroCount,
            double zeroThreshold, int negativeSpans, int negativeBuckets) {
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bounds.length; i++) {
            double cur = bounds[i];
            if (Double.isNaN(cur)) {
                return "custom buckets: histogram custom bounds must not be NaN";
            }
            if (i > 0 && cur <= prev) {
                return "custom buckets: previous bound is " + prev + " and current is " + cur
                        + ": histogram custom bounds must be in strictly increasing order";
            }
            prev = cur;
        }
        if (prev == Double.POSITIVE_INFINITY) {
            return "custom buckets: last +Inf bound must not be explicitly defined: histogram custom bounds must be"
                    + " finite";
        }
        long need = 0;
        long total = 0;
        for (int n = 0; n < spans.length; n++) {
            if (spans[n].offset() < 0) {
                return "custom buckets: span number " + (n + 1) + " with offset " + spans[n].offset() + ": "
                        + NEGATIVE_OFFSET;
            }
            need += Integer.toUnsignedLong(spans[n].length());
            total += Integer.toUnsignedLong(spans[n].length()) + spans[n].offset();
        }
        if (need != numBuckets) {
            return "custom buckets: spans need " + need + " buckets, have " + numBuckets + " buckets: "
                    + SPANS_BUCKETS_MISMATCH;
        }
        if (bounds.length + 1 < total) {
            return "custom buckets: only " + bounds.length + " custom bounds defined which is insufficient to cover"
                    + " total span length of " + total + ": histogram custom bounds are too few";
        }
        if (hasZeroCount) {
            return "custom buckets: must have zero count of 0";
        }
        if (zeroThreshold != 0) {
            return "custom buckets: must have zero threshold of 0";
        }
        if (negativeSpans > 0) {
            return "custom buckets: must not have negative spans";
        }
        return negativeBuckets > 0 ? "custom buckets: must not have negative buckets" : null;
    }
}
