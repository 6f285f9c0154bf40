package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import io.ignis.server.http.Response;
import io.ignis.server.http.Router;
import io.ignis.server.remote.QueueMetrics;
import io.ignis.server.remote.RemoteReadHandler;
import io.ignis.server.remote.RemoteStorage;
import io.ignis.server.remote.RemoteTimings;
import io.ignis.server.remote.RemoteWriteReceiver;
import io.ignis.server.remote.WriteProtocol;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.tsdb.Block;
import io.ignis.tsdb.Db;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remote write queues, remote read endpoints and the receiver, as Prometheus's main wires its remote storage:
 * queues follow the configuration on reload, reads of every {@code remote_read} endpoint are merged into
 * queries beside the local TSDB, and {@code /api/v1/write} and {@code /api/v1/read} serve other servers.
 */
final class RemoteComponent implements Reloadable, Queryable, AutoCloseable {
    private final ReadyStorage local;
    private final RemoteStorage remote;

    /** {@code registry} gets the {@code prometheus_remote_storage_*} families of the running queues. */
    RemoteComponent(ReadyStorage local, Path dataDir, PrometheusRegistry registry) {
        this.local = local;
        this.remote = new RemoteStorage(dataDir, RemoteTimings.DEFAULT, System::currentTimeMillis,
                this::localStartTime);
        QueueMetrics.register(registry, remote::stats);
    }

    @Override
    public String name() {
        return "remote_storage";
    }

    @Override
    public void apply(PrometheusConfig config) {
        try {
            remote.apply(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("remote storage reload interrupted", e);
        }
    }

    /** The local TSDB merged with every configured remote read endpoint (the fanout storage). */
    @Override
    public Querier querier(long mint, long maxt) {
        List<? extends Queryable> remotes = remote.readQueryables();
        Querier primary = local.querier(mint, maxt);
        if (remotes.isEmpty()) {
            return primary;
        }
        List<Querier> all = new ArrayList<>(remotes.size() + 1);
        all.add(primary);
        for (Queryable q : remotes) {
            all.add(q.querier(mint, maxt));
        }
        return new MergeQuerier(all);
    }

    /** Registers {@code /api/v1/write} (only with the receiver enabled, else Prometheus's 404) and {@code /read}. */
    void register(Router router, boolean receiverEnabled, Supplier<Map<String, String>> externalLabels) {
        if (receiverEnabled) {
            RemoteWriteReceiver receiver = new RemoteWriteReceiver(local, EnumSet.allOf(WriteProtocol.class),
                    RemoteWriteReceiver.DEFAULT_MAX_DECODED_BYTES, RemoteWriteReceiver.DEFAULT_MAX_DECODED_BYTES);
            router.post("/api/v1/write", receiver::handle);
        } else {
            router.post("/api/v1/write", r -> Response.text(404, "remote write receiver needs to be enabled with "
                    + "--web.enable-remote-write-receiver\n"));
        }
        router.post("/api/v1/read", r -> {
            RemoteReadHandler handler = new RemoteReadHandler(local, local.ready().db(), externalLabels, 0);
            return handler.handle(r);
        });
    }

    private long localStartTime() {
        TsdbComponent tsdb = local.tsdb();
        if (tsdb == null) {
            return Long.MAX_VALUE;
        }
        Db db = tsdb.db();
        long min = db.head().minTime();
        for (Block b : db.blocks()) {
            min = Math.min(min, b.minTime());
        }
        return min;
    }

    @Override
    public void close() {
        try {
            remote.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
