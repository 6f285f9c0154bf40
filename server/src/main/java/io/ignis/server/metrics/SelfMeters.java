package io.ignis.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;

/**
 * Builders for self-metrics that Micrometer cannot express exactly: families with Prometheus's own label names,
 * summaries with {@code quantile} labels and no extra {@code _max} family, and label values that are removed when
 * the pool, group or queue they describe goes away. They are Prometheus Java client meters, registered into the
 * client registry under the Micrometer registry, so {@code /metrics} renders both in one exposition. Names are given
 * as Prometheus spells them; the client keeps counters' {@code _total} and adds nothing else.
 */
public final class SelfMeters {
    /** Prometheus's usual objectives {0.01: 0.001, 0.05: 0.005, 0.5: 0.05, 0.9: 0.01, 0.99: 0.001}. */
    public static final double[][] FIVE_QUANTILES = {{0.01, 0.001}, {0.05, 0.005}, {0.5, 0.05}, {0.9, 0.01},
            {0.99, 0.001}};
    /** Prometheus's shorter objectives {0.5: 0.05, 0.9: 0.01, 0.99: 0.001}. */
    public static final double[][] THREE_QUANTILES = {{0.5, 0.05}, {0.9, 0.01}, {0.99, 0.001}};
    /** Classic buckets of Prometheus's {@code *_histogram_seconds} twins of its summaries. */
    public static final double[] TWIN_BUCKETS = {0.01, 0.1, 1, 10};

    private SelfMeters() {
    }

    public static Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).withoutExemplars().build();
    }

    public static Gauge gauge(String name, String help, String... labelNames) {
        return Gauge.builder().name(name).help(help).labelNames(labelNames).withoutExemplars().build();
    }

    /** A summary with client_golang's defaults: quantiles over a sliding 10 minutes in 5 age buckets. */
    public static Summary summary(String name, String help, double[][] objectives, String... labelNames) {
        Summary.Builder b = Summary.builder().name(name).help(help).labelNames(labelNames);
        for (double[] o : objectives) {
            b.quantile(o[0], o[1]);
        }
        return (Summary) b.maxAgeSeconds(600).numberOfAgeBuckets(5).withoutExemplars().build();
    }

    /** A classic histogram; with no bounds it has only the {@code +Inf} bucket, as a native-only one renders. */
    public static Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
        Histogram.Builder b = Histogram.builder().name(name).help(help).labelNames(labelNames).classicOnly()
                .withoutExemplars();
        if (bounds.length > 0) {
            b.classicUpperBounds(bounds);
        } else {
            b.classicUpperBounds(Double.POSITIVE_INFINITY);
        }
        return (Histogram) b.build();
    }
}
