package io.ignis.server.metrics;

import io.ignis.tsdb.exemplar.ExemplarStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The exemplar storage's self-metrics under Prometheus's names ({@code prometheus_tsdb_exemplar_*}), registered
 * whether or not the storage is on, as Prometheus registers them. Read like {@link TsdbMetrics}: one snapshot per
 * second at most, NaN before the TSDB is open; the owner keeps this instance reachable.
 */
public final class ExemplarMetrics {
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final Supplier<ExemplarStats> source;
    private ExemplarStats cached;
    private long cachedAtNanos;

    /** @param source the open TSDB's exemplar statistics, or null while it is not open */
    public ExemplarMetrics(Supplier<ExemplarStats> source) {
        this.source = source;
    }

    /** Registers the meters; the registry keeps this instance alive through them. */
    public void bindTo(MeterRegistry registry) {
        counter(registry, "prometheus.tsdb.exemplar.exemplars.appended", "Total number of appended exemplars.",
                ExemplarStats::exemplarsAppended);
        gauge(registry, "prometheus.tsdb.exemplar.exemplars.in.storage",
                "Number of exemplars currently in circular storage.", ExemplarStats::exemplarsInStorage);
        gauge(registry, "prometheus.tsdb.exemplar.series.with.exemplars.in.storage",
                "Number of series with exemplars currently in circular storage.",
                ExemplarStats::seriesWithExemplarsInStorage);
        // Prometheus's help text, missing spaces included.
        gauge(registry, "prometheus.tsdb.exemplar.last.exemplars.timestamp.seconds",
                "The timestamp of the oldest exemplar stored in circular storage. Useful to check for what time"
                        + "range the current exemplar buffer limit allows. This usually means the last timestamp"
                        + "for all exemplars for a typical setup. This is not true though if one of the series "
                        + "timestamp is in future compared to rest series.",
                ExemplarStats::lastExemplarsTimestampSeconds);
        gauge(registry, "prometheus.tsdb.exemplar.max.exemplars",
                "Total number of exemplars the exemplar storage can store, resizeable.", ExemplarStats::maxExemplars);
        counter(registry, "prometheus.tsdb.exemplar.out.of.order.exemplars",
                "Total number of out of order exemplar ingestion failed attempts.",
                ExemplarStats::outOfOrderExemplars);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<ExemplarStats> f) {
        Gauge.builder(name, this, m -> m.read(f)).description(help).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<ExemplarStats> f) {
        FunctionCounter.builder(name, this, m -> m.read(f)).description(help).register(registry);
    }

    private synchronized double read(ToDoubleFunction<ExemplarStats> f) {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNanos > MAX_AGE_NANOS) {
            cached = source.get();
            cachedAtNanos = now;
        }
        return cached == null ? Double.NaN : f.applyAsDouble(cached);
    }
}
