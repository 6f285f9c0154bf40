package io.ignis.scrape.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.Authorization;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import io.ignis.scrape.client.Http2TestServer.Action;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code enable_http2}: h2 through ALPN to https targets, HTTP/1.1 otherwise, and the same scrape outcome either way.
 */
class Http2ScrapeTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final String H2 = "h2";
    private static final String H1 = "http/1.1";

    @TempDir
    static Path dir;
    private static Path cert;
    private static Path key;
    private static ClientEventLoop loop;

    @BeforeAll
    static void setUp() throws Exception {
        TlsSettingsTest.openssl(dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                + "-keyout server.key -out server.crt -days 1 -subj /CN=localhost "
                + "-addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null");
        cert = dir.resolve("server.crt");
        key = dir.resolve("server.key");
        loop = new ClientEventLoop(2);
    }

    @AfterAll
    static void tearDown() {
        loop.close();
    }

    /** A job trusting the test certificate and sending a bearer token. */
    private static HttpClientConfig config(boolean http2) {
        return configTrusting(cert, http2);
    }

    static HttpClientConfig configTrusting(Path cert, boolean http2) {
        TlsConfig tls = new TlsConfig("", cert.toString(), "", "", new Secret(""), "", "", false, "", "");
        return new HttpClientConfig(null, new Authorization("Bearer", new Secret("tok"), ""), tls, "", "", false,
                Map.of(), Map.of(), true, http2);
    }

    private static Http2TestServer server(List<String> protocols, IntFunction<Action> script) throws Exception {
        return new Http2TestServer(cert, key, protocols, script);
    }

    record Result(ScrapeResponse response, String body, String protocol) {
    }

    static Result get(Connection c, String url, long timeoutNanos, long limit) throws Exception {
        ResponseBuffer body = new ResponseBuffer(16);
        CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
        Map<String, String> headers = Map.of("Accept", "text/plain;version=0.0.4", "User-Agent", "Ignis/test",
                "X-Prometheus-Scrape-Timeout-Seconds", "10");
        c.get(url, headers, timeoutNanos, limit, true, body, done::complete);
        ScrapeResponse r = done.get(30, TimeUnit.SECONDS);
        return new Result(r, new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8), c.protocol());
    }

    private static void assertOk(Result r, String protocol) {
        assertThat(r.response().error()).isEmpty();
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Http2TestServer.BODY);
        assertThat(r.protocol()).isEqualTo(protocol);
    }

    @Test
    void scrapesOverOneHttp2ConnectionWithTheSameHeaders() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            for (int i = 0; i < 3; i++) {
                assertOk(get(c, s.url("/metrics?a=b"), TIMEOUT, 0), "HTTP/2.0");
            }
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.seen).extracting(Http2TestServer.Seen::protocol).containsOnly(H2);
            assertThat(s.seen).extracting(Http2TestServer.Seen::stream).containsExactly(3, 5, 7);
            Http2TestServer.Seen first = s.seen.get(0);
            assertThat(first.offered()).containsExactly(H2, H1);
            assertThat(first.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    ":method", "GET", ":scheme", "https", ":authority", "127.0.0.1:" + s.port(),
                    ":path", "/metrics?a=b", "accept", "text/plain;version=0.0.4", "accept-encoding", "gzip",
                    "user-agent", "Ignis/test", "x-prometheus-scrape-timeout-seconds", "10",
                    "authorization", "Bearer tok"));
        }
    }

    /** One scrape outcome, expected the same over HTTP/2 and HTTP/1.1. */
    record Case(String name, Action action, long timeoutMillis, long limit, String wantError, boolean wantLimit,
            String wantBody) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String large = Http2TestServer.large();
        return Stream.of(
                new Case("plain", Action.RESPOND, 10_000, 0, "", false, Http2TestServer.BODY),
                new Case("gzip", Action.RESPOND_GZIP, 10_000, 0, "", false, Http2TestServer.BODY),
                new Case("large body", Action.RESPOND_LARGE, 10_000, 0, "", false, large),
                new Case("status 500", Action.RESPOND_500, 10_000, 0,
                        "server returned HTTP status 500 Internal Server Error", false, null),
                new Case("body size limit", Action.RESPOND_LARGE, 10_000, 1000, "body size limit exceeded", true,
                        null),
                new Case("body size limit gzip", Action.RESPOND_GZIP, 10_000, 10, "body size limit exceeded", true,
                        null),
                new Case("timeout", Action.HANG, 300, 0, "Get \"URL\": context deadline exceeded", false, null));
    }

    static Stream<Object[]> casesByProtocol() {
        return cases().flatMap(c -> Stream.of(new Object[] {c, true}, new Object[] {c, false}));
    }

    /**
     * The second scrape meets {@code action}; the first and third answer normally, so the table also shows the
     * connection surviving (HTTP/2) or being replaced (HTTP/1.1) after a failure.
     */
    @ParameterizedTest(name = "{0} http2={1}")
    @MethodSource("casesByProtocol")
    void sameOutcomeOverBothProtocols(Case tc, boolean http2) throws Exception {
        String protocol = http2 ? "HTTP/2.0" : "HTTP/1.1";
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 2 ? tc.action() : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(http2)).newConnection()) {
            String url = s.url("/metrics");
            assertOk(get(c, url, TIMEOUT, 0), protocol);

            long start = System.nanoTime();
            Result r = get(c, url, TimeUnit.MILLISECONDS.toNanos(tc.timeoutMillis()), tc.limit());
            assertThat(r.response().error()).isEqualTo(tc.wantError().replace("URL", url));
            assertThat(r.response().bodySizeLimitExceeded()).isEqualTo(tc.wantLimit());
            if (tc.wantBody() != null) {
                assertThat(r.body()).isEqualTo(tc.wantBody());
                assertThat(r.response().status()).isEqualTo(200);
                assertThat(r.response().contentType()).isEqualTo("text/plain; version=0.0.4");
            }
            if (tc.action() == Action.HANG) {
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            }
            assertThat(r.protocol()).isEqualTo(protocol);

            assertOk(get(c, url, TIMEOUT, 0), protocol);
            assertThat(s.protocolsSeen()).containsOnly(http2 ? H2 : H1).hasSize(3);
            boolean failed = !tc.wantError().isEmpty();
            // HTTP/2 resets just the stream of a failed scrape, except on a timeout; HTTP/1.1 must reconnect.
            int wantConnections = failed && (!http2 || tc.action() == Action.HANG) ? 2 : 1;
            assertThat(s.accepted()).isEqualTo(wantConnections);
            ConnectionTest.await("only the kept connection left open", () -> s.open() == 1);
        }
    }

    @ParameterizedTest(name = "http2={0}")
    @ValueSource(booleans = {true, false})
    void untrustedCertificateFailsTheSameWay(boolean http2) throws Exception {
        Path other = dir.resolve("other.crt");
        TlsSettingsTest.openssl(dir, "test -f other.crt || openssl req -x509 -newkey ec -pkeyopt "
                + "ec_paramgen_curve:prime256v1 -nodes -keyout other.key -out other.crt -days 1 -subj /CN=other "
                + "2>/dev/null");
        try (Http2TestServer s = server(List.of(H2, H1), n -> Action.RESPOND);
                Connection c = new ScrapeClient(loop, configTrusting(other, http2)).newConnection()) {
            String url = s.url("/metrics");
            Result r = get(c, url, TIMEOUT, 0);
            // The JDK's wording, as the HTTP/1.1-only client reported it before ALPN was offered.
            assertThat(r.response().error()).startsWith("Get \"" + url + "\": PKIX path building failed: ");
            assertThat(s.seen).isEmpty();
        }
    }

    @Test
    void enableHttp2FalseOffersNoAlpnAndSpeaksHttp11() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(false)).newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertThat(s.seen).extracting(Http2TestServer.Seen::protocol).containsExactly(H1, H1);
            assertThat(s.seen.get(0).offered()).isEmpty();
            assertThat(s.seen.get(0).headers()).containsEntry("authorization", "Bearer tok")
                    .containsEntry("accept-encoding", "gzip").containsEntry("host", "127.0.0.1:" + s.port());
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void serverChoosingHttp11GetsHttp11() throws Exception {
        try (Http2TestServer s = server(List.of(H1), n -> n == 1 ? Action.RESPOND_GZIP : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertThat(s.seen).extracting(Http2TestServer.Seen::protocol).containsExactly(H1, H1);
            assertThat(s.seen.get(0).offered()).containsExactly(H2, H1);
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void serverIgnoringAlpnGetsHttp11() throws Exception {
        try (Http2TestServer s = server(List.of(), n -> Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertThat(s.seen).extracting(Http2TestServer.Seen::protocol).containsExactly(H1);
        }
    }

    @Test
    void plainHttpTargetStaysHttp11WithoutUpgrade() throws Exception {
        try (Http2TestServer s = new Http2TestServer(null, null, List.of(), n -> Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            assertThat(s.url("/metrics")).startsWith("http://");
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/1.1");
            assertThat(s.seen).extracting(Http2TestServer.Seen::protocol).containsExactly(H1);
            assertThat(s.seen.get(0).headers()).doesNotContainKeys("upgrade", "http2-settings");
        }
    }

    @Test
    void goAwayMakesTheNextScrapeReconnect() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 1 ? Action.RESPOND_THEN_GOAWAY : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            ConnectionTest.await("the client to close the connection the server sent GOAWAY on", () -> s.open() == 0);
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            assertThat(s.seen).extracting(Http2TestServer.Seen::connection).containsExactly(1, 2, 2);
        }
    }

    @Test
    void streamResetFailsOnlyThatScrape() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 2 ? Action.RESET : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            String url = s.url("/metrics");
            assertOk(get(c, url, TIMEOUT, 0), "HTTP/2.0");
            assertThat(get(c, url, TIMEOUT, 0).response().error())
                    .isEqualTo("Get \"" + url + "\": stream error: stream ID 5; INTERNAL_ERROR; received from peer");
            assertOk(get(c, url, TIMEOUT, 0), "HTTP/2.0");
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void refusedStreamIsSentAgainOnTheSameConnection() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 2 ? Action.REFUSE : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            assertThat(s.seen).extracting(Http2TestServer.Seen::stream).containsExactly(3, 5, 7);
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void connectionLostFailsOnlyThatScrapeAndTheNextReconnects() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 1 ? Action.CLOSE : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            String url = s.url("/metrics");
            // A fresh connection lost before any answer: the scrape fails; nothing is retried.
            assertThat(get(c, url, TIMEOUT, 0).response().error()).isEqualTo("Get \"" + url + "\": unexpected EOF");
            assertOk(get(c, url, TIMEOUT, 0), "HTTP/2.0");
            assertThat(s.accepted()).isEqualTo(2);
        }
    }

    @Test
    void keptConnectionLostBeforeTheAnswerIsRetriedOnANewOne() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> n == 2 ? Action.CLOSE : Action.RESPOND);
                Connection c = new ScrapeClient(loop, config(true)).newConnection()) {
            for (int i = 0; i < 3; i++) {
                assertOk(get(c, s.url("/metrics"), TIMEOUT, 0), "HTTP/2.0");
            }
            assertThat(s.seen).extracting(Http2TestServer.Seen::connection).containsExactly(1, 1, 2, 2);
        }
    }

    @Test
    void oneOffGetOverHttp2ClosesItsConnection() throws Exception {
        try (Http2TestServer s = server(List.of(H2, H1), n -> Action.RESPOND_GZIP)) {
            ResponseBuffer body = new ResponseBuffer(16);
            CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
            new ScrapeClient(loop, config(true)).get(s.url("/metrics"), Map.of(), TIMEOUT, 0, true, body,
                    done::complete);
            assertThat(done.get(30, TimeUnit.SECONDS).error()).isEmpty();
            assertThat(new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8))
                    .isEqualTo(Http2TestServer.BODY);
            assertThat(s.protocolsSeen()).containsExactly(H2);
            ConnectionTest.await("the one-off connection to close", () -> s.open() == 0);
        }
    }
}
