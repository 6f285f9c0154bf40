package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.engine.QueryGate;
import io.ignis.promql.engine.QueryLogEntry;
import io.ignis.promql.engine.QueryLogger;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.Response;
import io.ignis.storage.Appender;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API's {@code timeout} parameter: the query runs through the server's one engine (so it waits in its gate and
 * reaches its query log) with the smaller of the request's and the engine's timeout, and fails with Prometheus's
 * error for the stage it was in.
 */
class QueryTimeoutTest {
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    /** quantile_over_time sorts a day-long window at each of 11000 steps, for each of 100 series: minutes. */
    private static final String SLOW = "/api/v1/query_range?query=quantile_over_time(0.5,slow%5B1d%5D)"
            + "&start=" + ApiJson.timestampText(ApiFixture.T0) + "&end=" + ApiJson.timestampText(ApiFixture.T0 + DAY)
            + "&step=7.9";

    private final List<QueryLogEntry> logged;
    private final QueryGate gate;
    private final ApiFixture api;

    QueryTimeoutTest() throws IOException {
        Server server = new Server(EngineOptions.defaults());
        logged = server.logged;
        gate = server.gate;
        api = server.api;
    }

    /** 100 series sampled every minute for a day, an engine with a gate of 2 slots and a query log. */
    private static final class Server {
        final List<QueryLogEntry> logged = new CopyOnWriteArrayList<>();
        final QueryGate gate = new QueryGate(2);
        final ApiFixture api;

        Server(EngineOptions options) throws IOException {
            Engine engine = new Engine(options, PromqlParser::parse, gate);
            engine.setQueryLogger(new QueryLogger() {
                @Override
                public void log(QueryLogEntry entry) {
                    logged.add(entry);
                }

                @Override
                public void close() {
                }
            });
            api = new ApiFixture(b -> b.engine = engine);
            for (int k = 0; k < 24 * 60; k++) {
                Appender a = api.head.appender();
                for (int i = 0; i < 100; i++) {
                    a.append(0, Labels.of("__name__", "slow", "i", Integer.toString(i)), ApiFixture.T0 + k * MINUTE,
                            (k * 7919L + i) % 1000);
                }
                a.commit();
            }
        }
    }

    @Test
    void slowQueryTimesOutInEvaluationIsLoggedAndFreesItsSlot() {
        long t0 = System.nanoTime();
        Response r = api.get(SLOW + "&timeout=0.1");
        assertThat(System.nanoTime() - t0).as("stopped at its deadline").isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":"
                        + "\"query timed out in expression evaluation\"}");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).error()).isEqualTo("query timed out in expression evaluation");
        assertThat(logged.get(0).query()).isEqualTo("quantile_over_time(0.5,slow[1d])");
        assertThat(gate.active()).isZero();
        assertThat(api.get("/api/v1/query?query=count(slow)&timeout=1m").bodyText()).contains("\"100\"");
    }

    @Test
    void theEnginesTimeoutCapsALongerRequestTimeout() throws IOException {
        Server capped = new Server(EngineOptions.defaults().withTimeout(100));
        Response r = capped.api.get(SLOW + "&timeout=1h");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).contains("\"error\":\"query timed out in expression evaluation\"");
        assertThat(capped.gate.active()).isZero();
    }

    @Test
    void zeroTimeoutExpiresBeforeExecution() {
        Response r = api.get("/api/v1/query?query=slow&timeout=0s");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query execution\"}");
        assertThat(logged).extracting(QueryLogEntry::error).containsExactly("query timed out in query execution");
        assertThat(gate.active()).isZero();
    }

    @Test
    void tooManySamplesIsAnExecutionError() throws IOException {
        Server limited = new Server(EngineOptions.defaults().withMaxSamples(99));
        Response r = limited.api.get("/api/v1/query?query=slow&time=" + ApiJson.timestampText(ApiFixture.T0 + DAY));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.bodyText()).isEqualTo("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":"
                + "\"query processing would load too many samples into memory in query execution\"}");
        assertThat(limited.logged).extracting(QueryLogEntry::error)
                .containsExactly("query processing would load too many samples into memory in query execution");
        assertThat(limited.gate.active()).isZero();
    }

    /** As Prometheus's active query tracker, the queue returns the bare context error: an execution error. */
    @Test
    void deadlineWhileQueuedIsTheBareContextError() {
        long far = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (QueryGate.Permit a = gate.acquire(far, () -> false); QueryGate.Permit b = gate.acquire(far, () -> false)) {
            Response r = api.get("/api/v1/query?query=slow&timeout=0.05");
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.bodyText()).isEqualTo(
                    "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"context deadline exceeded\"}");
            assertThat(gate.queued()).isZero();
        }
        assertThat(logged).extracting(QueryLogEntry::error).containsExactly("context deadline exceeded");
        assertThat(gate.active()).isZero();
    }
}
