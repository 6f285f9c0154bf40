package io.ignis.server.metrics;

import io.ignis.tsdb.DbStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The TSDB's self-metrics under Prometheus's names ({@code prometheus_tsdb_*}), read from one {@link DbStats}
 * snapshot per second at most, so a scrape of {@code /metrics} computes the statistics once, not once per meter.
 * Before the TSDB is open every meter reads NaN. The owner must keep this instance reachable: Micrometer meters
 * hold only weak references to what they read.
 */
public final class TsdbMetrics {
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final Supplier<DbStats> source;
    private DbStats cached;
    private long cachedAtNanos;

    /** @param source the open TSDB's statistics, or null while it is not open */
    public TsdbMetrics(Supplier<DbStats> source) {
        this.source = source;
    }

    /** Registers the meters; the registry keeps this instance alive through them. */
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "prometheus.tsdb.head.series", "Total number of series in the head block.",
                DbStats::headSeries);
        gauge(registry, "prometheus.tsdb.head.chunks", "Total number of chunks in the head block.",
                DbStats::headChunks);
        gauge(registry, "prometheus.tsdb.head.min.time", "Minimum time bound of the head block.",
                DbStats::headMinTime);
        gauge(registry, "prometheus.tsdb.head.max.time", "Maximum timestamp of the head block.",
                DbStats::headMaxTime);
        gauge(registry, "prometheus.tsdb.blocks.loaded", "Number of currently loaded data blocks",
                DbStats::blocksLoaded);
        gauge(registry, "prometheus.tsdb.storage.blocks.bytes",
                "The number of bytes that are currently used for local storage by all blocks.",
                DbStats::storageBlocksBytes);
        gauge(registry, "prometheus.tsdb.wal.storage.size.bytes", "Size of the write log directory.",
                DbStats::walBytes);
        gauge(registry, "prometheus.tsdb.head.chunks.storage.size.bytes",
                "Size of the chunks_head directory.", DbStats::headChunksBytes);
        gauge(registry, "prometheus.tsdb.symbol.table.size.bytes",
                "Size of symbol table in memory for loaded blocks", DbStats::symbolTableSizeBytes);
        gauge(registry, "prometheus.tsdb.lowest.timestamp",
                "Lowest timestamp value stored in the database.", DbStats::lowestTimestamp);
        gauge(registry, "prometheus.tsdb.retention.limit.bytes",
                "Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled",
                DbStats::retentionLimitBytes);
        gauge(registry, "prometheus.tsdb.retention.limit.seconds",
                "How long to retain samples in storage.", DbStats::retentionLimitSeconds);

        FunctionCounter.builder("prometheus.tsdb.head.samples.appended", this,
                        m -> m.read(DbStats::headSamplesAppended))
                .description("Total number of appended samples.").tag("type", "float").register(registry);
        FunctionCounter.builder("prometheus.tsdb.head.samples.appended", this,
                        m -> m.read(DbStats::headHistogramSamplesAppended))
                .description("Total number of appended samples.").tag("type", "histogram").register(registry);
        FunctionCounter.builder("prometheus.tsdb.head.out.of.order.samples.appended", this,
                        m -> m.read(DbStats::outOfOrderSamplesAppended))
                .description("Total number of appended out of order samples.").tag("type", "float")
                .register(registry);
        FunctionCounter.builder("prometheus.tsdb.too.old.samples", this, m -> m.read(DbStats::tooOldSamples))
                .description("Total number of out of order samples ingestion failed attempts with out of order "
                        + "support enabled, but sample outside of time window.").tag("type", "float")
                .register(registry);
        gauge(registry, "prometheus.tsdb.out.of.order.wbl.storage.size.bytes",
                "Size of the out-of-order write-behind log directory.", DbStats::wblBytes);
        // prometheus_tsdb_head_series_created_total is left out: the Prometheus client library reserves the
        // _created suffix and would fold it into prometheus_tsdb_head_series, refusing the second meter.
        counter(registry, "prometheus.tsdb.head.series.removed", "Total number of series removed in the head",
                DbStats::headSeriesRemoved);
        counter(registry, "prometheus.tsdb.head.truncations", "Total number of head truncations attempted.",
                DbStats::headTruncations);
        counter(registry, "prometheus.tsdb.head.truncations.failed", "Total number of head truncations that failed.",
                DbStats::headTruncationsFailed);
        counter(registry, "prometheus.tsdb.compactions", "Total number of compactions that were executed for the "
                + "partition.", DbStats::compactions);
        counter(registry, "prometheus.tsdb.compactions.failed", "Total number of compactions that failed for the "
                + "partition.", DbStats::compactionsFailed);
        counter(registry, "prometheus.tsdb.reloads", "Number of times the database reloaded block data from disk.",
                DbStats::reloads);
        counter(registry, "prometheus.tsdb.reloads.failures", "Number of times the database failed to reloadBlocks "
                + "block data from disk.", DbStats::reloadsFailed);
        counter(registry, "prometheus.tsdb.wal.corruptions", "Total number of WAL corruptions.",
                DbStats::walCorruptions);
        counter(registry, "prometheus.tsdb.out.of.order.samples", "Total number of out of order samples ingestion "
                + "failed attempts due to out of order being disabled.", DbStats::outOfOrderSamples);
        counter(registry, "prometheus.tsdb.out.of.bound.samples", "Total number of out of bound samples ingestion "
                + "failed attempts with out of order support disabled.", DbStats::outOfBoundSamples);
        counter(registry, "prometheus.tsdb.size.retentions", "The number of times that blocks were deleted because "
                + "the maximum number of bytes was exceeded.", DbStats::sizeRetentions);
        counter(registry, "prometheus.tsdb.time.retentions", "The number of times that blocks were deleted because "
                + "the maximum time limit was exceeded.", DbStats::timeRetentions);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<DbStats> f) {
        Gauge.builder(name, this, m -> m.read(f)).description(help).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<DbStats> f) {
        FunctionCounter.builder(name, this, m -> m.read(f)).description(help).register(registry);
    }

    private synchronized double read(ToDoubleFunction<DbStats> f) {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNanos > MAX_AGE_NANOS) {
            cached = source.get();
            cachedAtNanos = now;
        }
        return cached == null ? Double.NaN : f.applyAsDouble(cached);
    }
}
