package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import io.ignis.labels.Matcher;
import io.ignis.server.api.AdminSource;
import io.ignis.server.api.TsdbStatusSource;
import io.ignis.tsdb.Db;
import io.ignis.tsdb.DbOptions;
import io.ignis.tsdb.WalReplayStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded TSDB as the server runs it: opened from the {@code --storage.tsdb.*} flags, compacted and retained
 * on one background thread, and shown to the API through its status and admin seams.
 */
final class TsdbComponent implements TsdbStatusSource, AdminSource, Reloadable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TsdbComponent.class);
    /** As Prometheus's DB: the compaction cycle runs once a minute. */
    private static final Duration MAINTENANCE_PERIOD = Duration.ofMinutes(1);

    private final Db db;
    private final ScheduledExecutorService maintenance;

    private TsdbComponent(Db db, ScheduledExecutorService maintenance) {
        this.db = db;
        this.maintenance = maintenance;
    }

    static TsdbComponent open(Flags flags) throws IOException {
        DbOptions opts = DbOptions.defaults();
        long retention = flags.retentionTimeMillis();
        opts = opts.withRetention(retention).withMaxBytes(flags.retentionSizeBytes())
                .withBlockDurations(opts.minBlockDuration(),
                        DbOptions.defaultMaxBlockDuration(retention, opts.minBlockDuration()));
        Path dir = flags.storageTsdbPath();
        LOG.atInfo().setMessage("Starting TSDB ...").addKeyValue("path", dir.toAbsolutePath()).log();
        long start = System.nanoTime();
        Db db = Db.open(dir, opts);
        WalReplayStatus replay = db.walReplayStatus();
        LOG.atInfo().setMessage("TSDB started").addKeyValue("blocks", db.blocks().size())
                .addKeyValue("wal_samples", replay.samples())
                .addKeyValue("duration", Duration.ofNanos(System.nanoTime() - start)).log();
        db.corruptBlocks().forEach((path, why) -> LOG.atError().setMessage("skipped a corrupt block")
                .addKeyValue("block", path).addKeyValue("err", why).log());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tsdb-maintenance");
            t.setDaemon(true);
            return t;
        });
        db.startMaintenance(scheduler, MAINTENANCE_PERIOD);
        return new TsdbComponent(db, scheduler);
    }

    Db db() {
        return db;
    }

    @Override
    public String name() {
        return "tsdb";
    }

    /**
     * Applies {@code storage.tsdb.out_of_order_time_window}, as Prometheus's reloader calls {@code DB.ApplyConfig}:
     * the window in force for appenders opened from now on; turning it on creates {@code wbl/}.
     */
    @Override
    public void apply(PrometheusConfig config) {
        long window = config.storage().tsdb().outOfOrderTimeWindow().toMillis();
        if (window == db.head().outOfOrderTimeWindow()) {
            return;
        }
        try {
            db.setOutOfOrderTimeWindow(window);
        } catch (IOException e) {
            throw new UncheckedIOException("apply storage.tsdb.out_of_order_time_window: create "
                    + db.dir().resolve("wbl") + ": " + e.getMessage(), e);
        }
        LOG.atInfo().setMessage("out-of-order time window changed").addKeyValue("window", Duration.ofMillis(window))
                .log();
    }

    @Override
    public TsdbStatusSource.TsdbStatus status(int limit) {
        // Qualified: inside this class TsdbStatus names the API's record, inherited from TsdbStatusSource.
        io.ignis.tsdb.TsdbStatus s = db.status(limit);
        io.ignis.tsdb.TsdbStatus.HeadSummary h = s.headStats();
        return new TsdbStatusSource.TsdbStatus(h.numSeries(), h.numLabelPairs(), h.chunkCount(), h.minTime(),
                h.maxTime(), stats(s.seriesCountByMetricName()), stats(s.labelValueCountByLabelName()),
                stats(s.memoryInBytesByLabelName()), stats(s.seriesCountByLabelValuePair()));
    }

    private static List<Stat> stats(List<io.ignis.tsdb.TsdbStatus.Stat> in) {
        List<Stat> out = new ArrayList<>(in.size());
        for (io.ignis.tsdb.TsdbStatus.Stat s : in) {
            out.add(new Stat(s.name(), s.value()));
        }
        return out;
    }

    @Override
    public WalReplay walReplay() {
        WalReplayStatus r = db.walReplayStatus();
        return new WalReplay(r.min(), r.max(), r.current());
    }

    @Override
    public void deleteSeries(long mint, long maxt, Matcher... matchers) throws IOException {
        db.delete(mint, maxt, matchers);
    }

    @Override
    public void cleanTombstones() {
        db.cleanTombstones();
    }

    @Override
    public void snapshot(Path dir, boolean withHead) throws IOException {
        db.snapshot(dir, withHead);
    }

    /** Stops maintenance, then flushes and closes the TSDB; the last step of a shutdown. */
    @Override
    public void close() throws IOException {
        maintenance.shutdownNow();
        db.close();
        LOG.info("TSDB closed");
    }
}
