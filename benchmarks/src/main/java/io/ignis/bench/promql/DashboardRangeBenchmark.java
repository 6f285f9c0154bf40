package io.ignis.bench.promql;

import io.ignis.promql.engine.Result;

/**
 * How long does the engine take to answer each dashboard query as a 1 h range query at a 15 s step (241
 * steps), the shape a dashboard panel asks for? Input as {@link DashboardBenchmark}. Prometheus 2.42 on the
 * reference machine: about 1.5 s for a 15 m range {@code histogram_quantile(0.99, …)} over 100 k series.
 */
public class DashboardRangeBenchmark extends DashboardBenchmark {
    @Override
    protected Result run(String query) {
        return storage.engine.newRangeQuery(storage.head, query, DashboardStorage.END_MS - 3_600_000,
                DashboardStorage.END_MS, 15_000).exec();
    }
}
