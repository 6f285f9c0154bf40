package io.ignis.server.remote;

import io.ignis.config.PrometheusConfig;
import io.ignis.config.RemoteReadConfig;
import io.ignis.config.RemoteWriteConfig;
import io.ignis.storage.Queryable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote storage for the composition root: one remote-write queue per {@code remote_write} entry, tailing the WAL
 * of {@code dataDir}, and one {@link RemoteReadQueryable} per {@code remote_read} entry. {@link #apply} is the
 * reload hook: queues whose config and external labels did not change keep running; others are closed (after
 * their flush deadline) and started anew, resuming from their saved position, kept per queue in
 * {@code <dataDir>/remote_write/<hash of name and url>.position}. Thread-safe.
 */
public final class RemoteStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStorage.class);

    private final Path dataDir;
    private final RemoteTimings timings;
    private final LongSupplier clock;
    private final LongSupplier localStartTime;
    private final Map<String, Running> queues = new LinkedHashMap<>();
    private volatile List<RemoteReadQueryable> readers = List.of();

    private record Running(QueueManager queue, Map<String, String> externalLabels) {
    }

    /**
     * @param dataDir the TSDB directory; its {@code wal/} is tailed
     * @param clock milliseconds since the epoch, for {@code sample_age_limit}
     * @param localStartTime the oldest timestamp local storage holds, for remote reads without {@code read_recent}
     */
    public RemoteStorage(Path dataDir, RemoteTimings timings, LongSupplier clock, LongSupplier localStartTime) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.localStartTime = Objects.requireNonNull(localStartTime, "localStartTime");
    }

    /** Starts, keeps or restarts queues and readers to match {@code cfg}. */
    public synchronized void apply(PrometheusConfig cfg) throws InterruptedException {
        Map<String, String> ext = cfg.global().externalLabels();
        Map<String, Running> next = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RemoteWriteConfig rw : cfg.remoteWriteConfigs()) {
            String key = queueKey(rw);
            int dup = seen.merge(key, 1, Integer::sum);
            if (dup > 1) {
                key = key + "-" + dup;
            }
            Running old = queues.remove(key);
            if (old != null && old.queue().config().equals(rw) && old.externalLabels().equals(ext)) {
                next.put(key, old);
                continue;
            }
            if (old != null) {
                old.queue().close();
            }
            String name = rw.name() == null || rw.name().isEmpty() ? key.substring(0, 6) : rw.name();
            next.put(key, new Running(new QueueManager(rw, name, dataDir.resolve("wal"),
                    dataDir.resolve("remote_write").resolve(key + ".position"), ext, timings, clock), ext));
            LOG.info("remote write queue started remote_name={} url={}", name, rw.url());
        }
        for (Running gone : queues.values()) {
            gone.queue().close();
        }
        queues.clear();
        queues.putAll(next);
        List<RemoteReadQueryable> rs = new ArrayList<>();
        for (RemoteReadConfig rr : cfg.remoteReadConfigs()) {
            rs.add(new RemoteReadQueryable(rr, ext, localStartTime));
        }
        readers = List.copyOf(rs);
    }

    /** One queryable per {@code remote_read} entry, to merge into queries as secondary storage. */
    public List<? extends Queryable> readQueryables() {
        return readers;
    }

    /** Self-metrics of every queue, for {@code prometheus_remote_storage_*}. */
    public synchronized List<QueueStats> stats() {
        List<QueueStats> out = new ArrayList<>();
        for (Running r : queues.values()) {
            out.add(r.queue().stats());
        }
        return out;
    }

    /** Wakes every WAL watcher now instead of at its next poll. */
    public synchronized void walWritten() {
        for (Running r : queues.values()) {
            r.queue().walWritten();
        }
    }

    /** Closes every queue, each after its flush deadline at most. */
    @Override
    public synchronized void close() throws InterruptedException {
        for (Running r : queues.values()) {
            r.queue().close();
        }
        queues.clear();
        readers = List.of();
    }

    /** Prometheus names an unnamed queue by a hash of its config; we hash only name and URL so tweaks keep progress. */
    static String queueKey(RemoteWriteConfig rw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((rw.name() == null ? "" : rw.name()).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(rw.url().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: no SHA-256", e);
        }
    }
}
