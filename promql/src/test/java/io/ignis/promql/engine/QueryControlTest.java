package io.ignis.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits and control: the concurrency gate and its queue, timeouts, cancellation, statistics, query log. */
class QueryControlTest {
    private static final long FAR = Long.MAX_VALUE / 4;
    private static final BooleanSupplier NEVER = () -> false;

    /** http_requests{job="a"|"b"}: 0, 1, 2, … every minute for 11 minutes. */
    private final Head head = Head.inMemory(HeadOptions.defaults().withStripeSize(16));

    QueryControlTest() {
        Appender app = head.appender();
        for (int m = 0; m <= 10; m++) {
            app.append(0, Labels.of("__name__", "http_requests", "job", "a"), m * 60_000L, m);
            app.append(0, Labels.of("__name__", "http_requests", "job", "b"), m * 60_000L, 2 * m);
        }
        app.commit();
    }

    @AfterEach
    void close() throws IOException {
        head.close();
    }

    private static long farDeadline() {
        return System.nanoTime() + FAR;
    }

    /** Polls until {@code cond} holds, failing after 10 s. */
    private static void await(BooleanSupplier cond) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met in time").isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void gateAdmitsUpToTheLimitAndQueuesTheRestInOrder() throws Exception {
        QueryGate gate = new QueryGate(2);
        QueryGate.Permit a = gate.acquire(farDeadline(), NEVER);
        QueryGate.Permit b = gate.acquire(farDeadline(), NEVER);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<QueryGate.Permit> c = CompletableFuture.supplyAsync(() -> {
            QueryGate.Permit p = gate.acquire(farDeadline(), NEVER);
            order.add("c");
            return p;
        });
        await(() -> gate.queued() == 1);
        CompletableFuture<QueryGate.Permit> d = CompletableFuture.supplyAsync(() -> {
            QueryGate.Permit p = gate.acquire(farDeadline(), NEVER);
            order.add("d");
            return p;
        });
        await(() -> gate.queued() == 2);
        assertThat(gate.active()).isEqualTo(2);
        a.close();
        c.get(10, TimeUnit.SECONDS).close();
        b.close();
        d.get(10, TimeUnit.SECONDS).close();
        assertThat(order).containsExactly("c", "d");
        assertThat(gate.active()).isZero();
        assertThat(gate.queued()).isZero();
    }

    @Test
    void permitClosedTwiceReleasesOnce() {
        QueryGate gate = new QueryGate(1);
        QueryGate.Permit p = gate.acquire(farDeadline(), NEVER);
        p.close();
        p.close();
        assertThat(gate.active()).isZero();
        gate.acquire(farDeadline(), NEVER).close();
    }

    @Test
    void waitingPastTheDeadlineTimesOutInTheQueue() {
        QueryGate gate = new QueryGate(1);
        try (QueryGate.Permit held = gate.acquire(farDeadline(), NEVER)) {
            assertThatThrownBy(() -> gate.acquire(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), NEVER))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessage("context deadline exceeded");
            assertThat(gate.queued()).isZero();
        }
    }

    @Test
    void cancelingAQueuedQueryLeavesTheQueue() throws Exception {
        QueryGate gate = new QueryGate(1);
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse, gate);
        Query q = engine.newInstantQuery(head, "http_requests", 600_000);
        try (QueryGate.Permit held = gate.acquire(farDeadline(), NEVER)) {
            CompletableFuture<Result> f = CompletableFuture.supplyAsync(q::exec);
            await(() -> gate.queued() == 1);
            q.cancel();
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(QueryCanceledException.class)
                    .hasMessage("context canceled");
            assertThat(gate.queued()).isZero();
        }
        assertThat(q.stats().timings().execQueueNanos()).isPositive();
    }

    @Test
    void canceledBeforeExecFailsWithoutEvaluating() {
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        Query q = engine.newInstantQuery(head, "http_requests", 600_000);
        q.cancel();
        assertThatThrownBy(q::exec).isInstanceOf(QueryCanceledException.class);
    }

    @Test
    void timeoutCoversTheQueue() {
        QueryGate gate = new QueryGate(1);
        Engine engine = new Engine(EngineOptions.defaults().withTimeout(30), PromqlParser::parse, gate);
        try (QueryGate.Permit held = gate.acquire(farDeadline(), NEVER)) {
            assertThatThrownBy(() -> engine.newInstantQuery(head, "http_requests", 600_000).exec())
                    .isInstanceOf(DeadlineExceededException.class);
        }
        assertThat(engine.newInstantQuery(head, "http_requests", 600_000).exec().value()).isNotNull();
    }

    @Test
    void perQueryTimeoutIsTheSmallerOfTheQuerysAndTheEngines() {
        QueryGate gate = new QueryGate(1);
        Engine engine = new Engine(EngineOptions.defaults().withTimeout(60_000), PromqlParser::parse, gate);
        assertThatThrownBy(() -> engine.newInstantQuery(head, "http_requests", 600_000).timeout(0).exec())
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessage("query timed out in query execution");
        assertThat(gate.active()).isZero();
        assertThatThrownBy(() -> engine.newInstantQuery(head, "http_requests", 600_000).timeout(-5).exec())
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(engine.newInstantQuery(head, "http_requests", 600_000).timeout(Long.MAX_VALUE).exec().value())
                .isNotNull();
        Engine strict = new Engine(EngineOptions.defaults().withTimeout(0), PromqlParser::parse, gate);
        assertThatThrownBy(() -> strict.newInstantQuery(head, "http_requests", 600_000).timeout(60_000).exec())
                .isInstanceOf(QueryTimeoutException.class);
    }

    @Test
    void tooManySamplesUsesPrometheusMessage() {
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(3), PromqlParser::parse);
        assertThatThrownBy(() -> engine.newRangeQuery(head, "http_requests", 0, 600_000, 60_000).exec())
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage("query processing would load too many samples into memory in query execution");
    }

    @Test
    void rangeQueryReportsTimingsAndSamplesPerStep() {
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse, new QueryGate(4));
        Result r = engine.newRangeQuery(head, "sum(http_requests)", 0, 600_000, 120_000).perStepStats(true).exec();
        QueryStats s = r.stats();
        QueryTimings t = s.timings();
        assertThat(t.execTotalNanos()).isGreaterThanOrEqualTo(t.evalTotalNanos());
        assertThat(t.evalTotalNanos()).isGreaterThanOrEqualTo(t.queryPreparationNanos() + t.innerEvalNanos());
        assertThat(t.innerEvalNanos()).isPositive();
        assertThat(s.perStep().size()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            assertThat(s.perStep().t(i)).isEqualTo(i * 120_000L);
            assertThat(s.perStep().count(i)).as("step %d", i).isEqualTo(2);
        }
        // Two series of 6 steps held, then the sum's 6 points: the peak is 12.
        assertThat(s.peakSamples()).isEqualTo(12);
    }

    @Test
    void rangeFunctionCountsWindowPointsPerStep() {
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        Result r = engine.newInstantQuery(head, "rate(http_requests[3m])", 600_000).perStepStats(true).exec();
        // (7m, 10m] holds 8, 9, 10 for each of the two series.
        assertThat(r.stats().perStep().count(0)).isEqualTo(6);
        assertThat(r.stats().perStep().size()).isEqualTo(1);
    }

    @Test
    void perStepStatsAreOffUnlessAsked() {
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        assertThat(engine.newInstantQuery(head, "http_requests", 600_000).exec().stats().perStep()).isNull();
    }

    @Test
    void queryLogGetsOneLinePerQueryFailedOnesIncluded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("queries.log");
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(3), PromqlParser::parse);
        engine.setQueryLogger(FileQueryLogger.open(file));
        engine.newInstantQuery(head, "http_requests{job=\"a\"}", 600_000)
                .origin(new QueryOrigin("127.0.0.1", "GET", "/api/v1/query")).exec();
        assertThatThrownBy(() -> engine.newRangeQuery(head, "http_requests", 0, 600_000, 60_000).exec())
                .isInstanceOf(TooManySamplesException.class);
        engine.setQueryLogger(null);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("{\"time\":\"")
                .contains("\"msg\":\"promql query logged\"")
                .contains("\"params\":{\"end\":\"1970-01-01T00:10:00.000Z\",\"query\":\"http_requests{job=\\\"a\\\"}\","
                        + "\"start\":\"1970-01-01T00:10:00.000Z\",\"step\":0}")
                .contains("\"stats\":{\"timings\":{\"evalTotalTime\":")
                .contains("\"samples\":{\"totalQueryableSamples\":1,\"peakSamples\":1}")
                .contains("\"httpRequest\":{\"clientIP\":\"127.0.0.1\",\"method\":\"GET\",\"path\":\"/api/v1/query\"}")
                .doesNotContain("\"error\"")
                .endsWith("}");
        assertThat(lines.get(1))
                .contains("\"start\":\"1970-01-01T00:00:00.000Z\",\"step\":60}")
                .contains("\"error\":\"query processing would load too many samples into memory in query execution\"");
    }

    @Test
    void queryLogJsonEscapesQueryText() {
        QueryLogEntry e = new QueryLogEntry(0, "a{b=\"\\n\"}\n\u0001", 0, 0, 0, null, new QueryStats(0, 0), null);
        assertThat(QueryLogJson.line(e)).contains("\"query\":\"a{b=\\\"\\\\n\\\"}\\n\\u0001\"");
    }

    @Test
    void replacingTheQueryLoggerClosesTheOldOne(@TempDir Path dir) throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        engine.setQueryLogger(new QueryLogger() {
            @Override
            public void log(QueryLogEntry entry) {
            }

            @Override
            public void close() {
                closed.set(true);
            }
        });
        engine.setQueryLogger(FileQueryLogger.open(dir.resolve("q.log")));
        assertThat(closed).isTrue();
        engine.setQueryLogger(null);
    }

    @Test
    void gateRejectsNonPositiveLimit() {
        assertThatThrownBy(() -> new QueryGate(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query.max-concurrency");
    }
}
