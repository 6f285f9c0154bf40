package io.ignis.scrape.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.HttpClientConfig;
import io.ignis.scrape.client.CountingServer.Action;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keep-alive: one TCP connection per target across scrapes, and what happens when either side closes it. */
class ConnectionTest {
    private static final String BODY = "up_metric 1\nother{a=\"b\"} 2\n";
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private static ClientEventLoop loop;
    private static ScrapeClient client;

    @BeforeAll
    static void setUp() {
        loop = new ClientEventLoop(2);
        client = new ScrapeClient(loop, HttpClientConfig.DEFAULT);
    }

    @AfterAll
    static void tearDown() {
        loop.close();
    }

    private record Result(ScrapeResponse response, String body) {
    }

    private static Result get(Connection c, String url, long timeoutNanos) throws Exception {
        ResponseBuffer body = new ResponseBuffer(16);
        CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
        c.get(url, Map.of("Accept", "text/plain"), timeoutNanos, 0, true, body, done::complete);
        ScrapeResponse r = done.get(30, TimeUnit.SECONDS);
        return new Result(r, new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8));
    }

    private static void assertOk(Result r) {
        assertThat(r.response().error()).isEmpty();
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BODY);
    }

    @Test
    void manyScrapesShareOneConnection() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 25; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT));
            }
            assertThat(s.requests()).isEqualTo(25);
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.heads.get(0)).doesNotContainIgnoringCase("connection: close");
        }
    }

    @Test
    void gzippedChunkedResponsesShareOneConnection() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND_GZIP_CHUNKED);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 5; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT));
            }
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void serverClosingAfterEachResponseCostsOnlyAReconnect() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND_THEN_CLOSE);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 5; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT));
            }
            assertThat(s.accepted()).isEqualTo(5);
        }
    }

    @Test
    void connectionCloseHeaderIsHonoured() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND_CONNECTION_CLOSE);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 3; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT));
            }
            assertThat(s.accepted()).isEqualTo(3);
        }
    }

    @Test
    void requestOnAConnectionTheServerJustClosedIsSentAgain() throws Exception {
        // The second request of every connection meets a server that closes instead of answering, as when an
        // idle timeout fires while the request is on its way.
        try (CountingServer s = new CountingServer(BODY, (n, total) -> n == 1 ? Action.RESPOND : Action.CLOSE);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 4; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT));
            }
            // 1: new conn A answers; 2: A closes, retried on B which answers; 3: B closes, retried on C; 4: on D.
            assertThat(s.accepted()).isEqualTo(4);
            assertThat(s.requests()).isEqualTo(7);
        }
    }

    @Test
    void freshConnectionClosedWithoutAnswerFailsWithoutRetry() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.CLOSE);
                Connection c = client.newConnection()) {
            Result r = get(c, s.url("/metrics"), TIMEOUT);
            assertThat(r.response().error()).isEqualTo("Get \"" + s.url("/metrics") + "\": unexpected EOF");
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void timeoutOnAKeptConnectionClosesItAndTheNextScrapeReconnects() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> total == 2 ? Action.HANG : Action.RESPOND);
                Connection c = client.newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT));
            long start = System.nanoTime();
            Result hung = get(c, s.url("/metrics"), TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(hung.response().error())
                    .isEqualTo("Get \"" + s.url("/metrics") + "\": context deadline exceeded");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            await("the hung connection to close", () -> s.open() == 0);
            assertOk(get(c, s.url("/metrics"), TIMEOUT));
            assertThat(s.accepted()).isEqualTo(2);
        }
    }

    @Test
    void errorStatusClosesTheConnectionAndTheNextScrapeReconnects() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> total == 1 ? Action.RESPOND_500
                : Action.RESPOND); Connection c = client.newConnection()) {
            Result r = get(c, s.url("/metrics"), TIMEOUT);
            assertThat(r.response().error()).isEqualTo("server returned HTTP status 500 Internal Server Error");
            assertOk(get(c, s.url("/metrics"), TIMEOUT));
            assertOk(get(c, s.url("/metrics"), TIMEOUT));
            assertThat(s.accepted()).isEqualTo(2);
        }
    }

    @Test
    void closeEndsTheTcpConnection() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND)) {
            Connection c = client.newConnection();
            assertOk(get(c, s.url("/metrics"), TIMEOUT));
            assertThat(s.open()).isEqualTo(1);
            c.close();
            await("the server to see the connection closed", () -> s.open() == 0);
            Result after = get(c, s.url("/metrics"), TIMEOUT);
            assertThat(after.response().error()).endsWith(": connection closed");
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void closeFailsTheRequestInFlight() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.HANG)) {
            Connection c = client.newConnection();
            CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
            c.get(s.url("/metrics"), Map.of(), TIMEOUT, 0, true, new ResponseBuffer(16), done::complete);
            await("the request to arrive", () -> s.requests() == 1);
            c.close();
            assertThat(done.get(30, TimeUnit.SECONDS).error()).endsWith(": connection closed");
            await("the server to see the connection closed", () -> s.open() == 0);
        }
    }

    @Test
    void oneOffGetsCloseTheirConnection() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> Action.RESPOND)) {
            for (int i = 0; i < 2; i++) {
                ResponseBuffer body = new ResponseBuffer(16);
                CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
                client.get(s.url("/metrics"), Map.of(), TIMEOUT, 0, true, body, done::complete);
                assertThat(done.get(30, TimeUnit.SECONDS).error()).isEmpty();
            }
            assertThat(s.accepted()).isEqualTo(2);
            assertThat(s.heads.get(0)).containsIgnoringCase("connection: close");
            await("the server to see both connections closed", () -> s.open() == 0);
        }
    }

    @Test
    void redirectOnTheSameHostReusesTheConnection() throws Exception {
        try (CountingServer s = new CountingServer(BODY, (n, total) -> n % 2 == 1 ? Action.REDIRECT : Action.RESPOND);
                Connection c = client.newConnection()) {
            for (int i = 0; i < 3; i++) {
                assertOk(get(c, s.url("/old"), TIMEOUT));
            }
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.requests()).isEqualTo(6);
        }
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(5); // polling interval of the deadline loop
        }
    }
}
