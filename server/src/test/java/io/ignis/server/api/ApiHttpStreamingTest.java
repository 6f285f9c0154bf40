package io.ignis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.server.http.HttpServer;
import io.ignis.server.http.Response;
import io.ignis.storage.Appender;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API and {@code /federate} through the real HTTP server: a large answer goes out chunked (no Content-Length,
 * several MiB, more than the socket buffers hold, so the writer waits for the client), a small one in one piece
 * with its length, and the bytes are those the handlers render in process (which the parity test compares with
 * Prometheus), gzip-compressed or not.
 */
class ApiHttpStreamingTest {
    private static final int SERIES = 5000;
    private static final long T0 = ApiFixture.T0;
    private static ApiFixture fixture;
    private static HttpServer server;
    private static String base;
    private final HttpClient client = HttpClient.newHttpClient();

    record Case(String name, String uri, boolean chunked) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fixture = new ApiFixture();
        fixture.now = T0 + 100 * 15_000;
        for (int k = 0; k < 100; k++) {
            Appender a = fixture.head.appender();
            for (int i = 0; i < SERIES; i++) {
                a.append(0, Labels.of("__name__", "wide", "i", String.format("%05d", i), "team", "t" + i % 7),
                        T0 + k * 15_000L, i * 0.5 + k);
            }
            a.commit();
        }
        server = new HttpServer(fixture.router, 100, 60_000);
        int port = server.start(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))).get(0)
                .getPort();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Case> cases() {
        String at = "&time=" + ApiJson.timestampText(T0 + 99 * 15_000);
        String range = "&start=" + ApiJson.timestampText(T0) + "&end=" + ApiJson.timestampText(T0 + 99 * 15_000)
                + "&step=15";
        return Stream.of(
                new Case("instant vector", "/api/v1/query?query=wide" + at, true),
                new Case("range matrix, several MiB", "/api/v1/query_range?query=wide" + range, true),
                new Case("series", "/api/v1/series?match[]=wide", true),
                new Case("series over two overlapping selectors", "/api/v1/series?match[]=wide%7Bteam%3D%22t1%22%7D"
                        + "&match[]=wide%7Bi%3D~%2200.*%22%7D", true),
                new Case("series cut by limit, warning after the data", "/api/v1/series?match[]=wide&limit=4000",
                        true),
                new Case("label values", "/api/v1/label/i/values", true),
                new Case("federate", "/federate?match[]=wide", true),
                new Case("small: labels", "/api/v1/labels", false),
                new Case("small: scalar", "/api/v1/query?query=1%2B1" + at, false),
                new Case("small: error", "/api/v1/query?query=wide%20*", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameBytesAsInProcess(Case c) throws Exception {
        Response want = fixture.get(c.uri());
        HttpResponse<byte[]> got = client.send(HttpRequest.newBuilder(URI.create(base + c.uri())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(want.status());
        assertThat(got.headers().firstValue("content-type")).contains(want.contentType());
        assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo(want.bodyText());
        if (c.chunked()) {
            assertThat(got.headers().firstValue("content-length")).isEmpty();
            assertThat(got.body().length).as("more than one chunk").isGreaterThan(32 * 1024);
        } else {
            assertThat(got.headers().firstValue("content-length")).contains(Integer.toString(got.body().length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gzipStillApplies(Case c) throws Exception {
        Response want = fixture.get(c.uri());
        HttpResponse<byte[]> got = client.send(HttpRequest.newBuilder(URI.create(base + c.uri()))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.headers().firstValue("content-encoding")).contains("gzip");
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(got.body()))) {
            plain = in.readAllBytes();
        }
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(want.bodyText());
    }
}
