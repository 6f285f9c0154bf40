package io.ignis.promql.engine;

import java.io.Closeable;

/**
 * Receives one entry per executed query, failed ones included ({@code global.query_log_file}). The engine
 * calls {@link #log} on the query's thread after it finished; implementations are thread-safe and must not
 * throw (a logger that cannot write drops the line and says so in its own log).
 */
public interface QueryLogger extends Closeable {
    void log(QueryLogEntry entry);
}
