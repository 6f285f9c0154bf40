package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.engine.QueryGate;
import io.ignis.promql.engine.QueryLogEntry;
import io.ignis.promql.engine.QueryLogger;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.HttpServer;
import io.ignis.storage.Appender;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up cancels its query: closing the connection while the query evaluates (or waits in the
 * query gate's queue) makes the engine stop with a cancellation, logged as such, and the gate gets its slot back
 * well before the query could have finished (it would run for minutes, and has a 60 s timeout).
 */
class QueryCancelOnDisconnectTest {
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    /** quantile_over_time sorts a day-long window at each of 11000 steps, for each of 300 series: minutes. */
    private static final String SLOW = "/api/v1/query_range?query=quantile_over_time(0.5,slow%5B1d%5D)"
            + "&start=" + ApiJson.timestampText(ApiFixture.T0) + "&end=" + ApiJson.timestampText(ApiFixture.T0 + DAY)
            + "&step=7.9";

    private final List<QueryLogEntry> logged = new CopyOnWriteArrayList<>();
    private QueryGate gate;
    private HttpServer server;
    private int port;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(int maxConcurrency, int series) throws Exception {
        gate = new QueryGate(maxConcurrency);
        Engine engine = new Engine(EngineOptions.defaults().withTimeout(60_000), PromqlParser::parse, gate);
        engine.setQueryLogger(new QueryLogger() {
            @Override
            public void log(QueryLogEntry entry) {
                logged.add(entry);
            }

            @Override
            public void close() {
            }
        });
        ApiFixture f = new ApiFixture(b -> b.engine = engine);
        for (int k = 0; k < 24 * 60; k++) {
            Appender a = f.head.appender();
            for (int i = 0; i < series; i++) {
                a.append(0, Labels.of("__name__", "slow", "i", Integer.toString(i)), ApiFixture.T0 + k * MINUTE,
                        (k * 7919L + i) % 1000);
            }
            a.commit();
        }
        server = new HttpServer(f.router, 100, 60_000);
        port = server.start(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))).get(0).getPort();
    }

    @Test
    void closingTheConnectionCancelsAnEvaluatingQuery() throws Exception {
        start(4, 300);
        try (Socket client = send(SLOW)) {
            await(() -> gate.active() == 1, "the query to hold a slot of the gate");
        }
        long closed = System.nanoTime();
        await(() -> gate.active() == 0, "the canceled query to free its slot");
        await(() -> !logged.isEmpty(), "the query log entry");
        assertThat(System.nanoTime() - closed).isLessThan(QUICKLY.toNanos());
        // Preparation (loading the samples) or evaluation, wherever the engine was when the client left.
        assertThat(logged.get(0).error()).startsWith("query was canceled in ");
    }

    @Test
    void closingTheConnectionCancelsAQueryWaitingForASlot() throws Exception {
        start(1, 1);
        QueryGate.Permit held = gate.acquire(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), () -> false);
        try (held) {
            // With lookback_delta too: the per-request lookback must not bypass the server's gate.
            try (Socket client = send("/api/v1/query?query=slow&lookback_delta=1m")) {
                await(() -> gate.queued() == 1, "the query to wait for the gate");
            }
            await(() -> gate.queued() == 0, "the canceled query to leave the queue");
            await(() -> !logged.isEmpty(), "the query log entry");
            // Prometheus's bare context error, as its active query tracker returns it.
            assertThat(logged.get(0).error()).isEqualTo("context canceled");
            assertThat(gate.active()).as("only the test's own slot").isEqualTo(1);
        }
        assertThat(gate.active()).isZero();
    }

    private Socket send(String uri) throws Exception {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + QUICKLY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + QUICKLY + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
