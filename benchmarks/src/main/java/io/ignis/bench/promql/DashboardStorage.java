package io.ignis.bench.promql;

import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;

/**
 * A real in-memory {@link Head} filled with {@link DashboardData}: 1 h 10 min of 15 s samples ending at
 * {@link #END_MS}, so a 1 h range query ending there has its 5 m lookback and a 30 m subquery has data.
 */
final class DashboardStorage {
    static final long INTERVAL_MS = 15_000;
    static final int STEPS = 281;
    static final long START_MS = 1_700_000_000_000L;
    static final long END_MS = START_MS + (STEPS - 1) * INTERVAL_MS;

    final Head head;
    final Engine engine;

    DashboardStorage(int series) {
        head = Head.inMemory(HeadOptions.defaults().withStripeSize(1024));
        new DashboardData(series).append(head, START_MS, INTERVAL_MS, STEPS);
        engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
    }

    void close() throws IOException {
        head.close();
    }
}
