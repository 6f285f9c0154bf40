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

    /** Prometheus's feature flag that turns the in-memory exemplar storage on. */
    static final String EXEMPLAR_STORAGE = "exemplar-storage";

    private final Db db;
    private final ScheduledExecutorService maintenance;
    private final boolean exemplarStorage;

    private TsdbComponent(Db db, ScheduledExecutorService maintenance, boolean exemplarStorage) {
        this.db = db;
        this.maintenance = maintenance;
        this.exemplarStorage = exemplarStorage;
    }

    /**
     * Opens the TSDB. {@code maxExemplars} is {@code storage.exemplars.max_exemplars} of the configuration about to
     * be applied, so the WAL replay keeps as many exemplars as Prometheus would; without {@code
     * --enable-feature=exemplar-storage} no exemplars are stored, whatever the configuration says.
     */
    static TsdbComponent open(Flags flags, long maxExemplars) throws IOException {
        DbOptions opts = DbOptions.defaults();
        long retention = flags.retentionTimeMillis();
        boolean exemplarStorage = flags.hasFeature(EXEMPLAR_STORAGE);
        opts = opts.withRetention(retention).withMaxBytes(flags.retentionSizeBytes())
                .withBlockDurations(opts.minBlockDuration(),
                        DbOptions.defaultMaxBlockDuration(retention, opts.minBlockDuration()))
                .withMaxExemplars(exemplarStorage ? Math.max(0, maxExemplars) : 0);
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
        return new TsdbComponent(db, scheduler, exemplarStorage);
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
     * the window in force for appenders opened from now on; turning it on creates {@code wbl/}. With the exemplar
     * storage on, {@code storage.exemplars.max_exemplars} resizes it, keeping the newest exemplars that fit.
     */
    @Override
    public void apply(PrometheusConfig config) {
        if (exemplarStorage) {
            resizeExemplars(Math.max(0, config.storage().exemplars().maxExemplars()));
        }
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

    private void resizeExemplars(long max) {
        long previous = db.exemplarStats().maxExemplars();
        if (previous == max) {
            return;
        }
        int migrated = db.resizeExemplars(max);
        LOG.atInfo().setMessage("Exemplar storage resized").addKeyValue("from", previous).addKeyValue("to", max)
                .addKeyValue("migrated", migrated).log();
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
