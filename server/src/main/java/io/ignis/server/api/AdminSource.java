package io.ignis.server.api;

import io.ignis.labels.Matcher;
import java.io.IOException;

/** The TSDB's admin operations behind {@code --web.enable-admin-api}. Calls may block on disk I/O. */
public interface AdminSource {
    /** Writes tombstones for the series matching {@code matchers} in [mint, maxt]. */
    void deleteSeries(long mint, long maxt, Matcher... matchers) throws IOException;

    /** Rewrites the blocks that carry tombstones. */
    void cleanTombstones() throws IOException;

    /** Writes a snapshot into {@code dir} (created by the caller), with the head's data when {@code withHead}. */
    void snapshot(java.nio.file.Path dir, boolean withHead) throws IOException;
}
