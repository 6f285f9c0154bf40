package io.ignis.bench.promql;

import io.ignis.promql.engine.Result;

/**
 * How long does the engine take to answer each dashboard query as an instant query at the end of the data?
 * Input as {@link DashboardBenchmark}. Prometheus 2.42 on the reference machine: about 165 ms for
 * {@code sum(rate(...[1m]))} over 100 k series.
 */
public class DashboardInstantBenchmark extends DashboardBenchmark {
    @Override
    protected Result run(String query) {
        return storage.engine.newInstantQuery(storage.head, query, DashboardStorage.END_MS).exec();
    }
}
