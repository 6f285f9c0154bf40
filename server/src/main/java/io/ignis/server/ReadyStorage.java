package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import io.ignis.labels.Matcher;
import io.ignis.server.api.AdminSource;
import io.ignis.server.api.ApiException;
import io.ignis.server.api.ErrorType;
import io.ignis.server.api.TsdbStatusSource;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.ExemplarQuerier;
import io.ignis.storage.ExemplarQueryable;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage the rest of the server holds from the start, before the TSDB is open: as Prometheus's
 * {@code readyStorage}, every call fails with "TSDB not ready" (503 {@code unavailable} in the API) until
 * {@link #set} hands over the opened database, so HTTP can serve while the WAL replays.
 */
final class ReadyStorage implements Appendable, Queryable, ExemplarQueryable, TsdbStatusSource, AdminSource,
        Reloadable {
    private volatile TsdbComponent tsdb;

    void set(TsdbComponent opened) {
        this.tsdb = opened;
    }

    /** The opened TSDB, or null while it opens. */
    TsdbComponent tsdb() {
        return tsdb;
    }

    @Override
    public String name() {
        return "tsdb";
    }

    /** The TSDB's part of the configuration (the out-of-order window); the first reload comes after open. */
    @Override
    public void apply(PrometheusConfig config) {
        ready().apply(config);
    }

    @Override
    public Appender appender() {
        return ready().db().appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return ready().db().querier(mint, maxt);
    }

    @Override
    public ExemplarQuerier exemplarQuerier() {
        return ready().db().exemplarQuerier();
    }

    @Override
    public TsdbStatus status(int limit) {
        return ready().status(limit);
    }

    @Override
    public WalReplay walReplay() {
        return ready().walReplay();
    }

    @Override
    public void deleteSeries(long mint, long maxt, Matcher... matchers) throws IOException {
        ready().deleteSeries(mint, maxt, matchers);
    }

    @Override
    public void cleanTombstones() throws IOException {
        ready().cleanTombstones();
    }

    @Override
    public void snapshot(Path dir, boolean withHead) throws IOException {
        ready().snapshot(dir, withHead);
    }

    TsdbComponent ready() {
        TsdbComponent t = tsdb;
        if (t == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "TSDB not ready");
        }
        return t;
    }
}
