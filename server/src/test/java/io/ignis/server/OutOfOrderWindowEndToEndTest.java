package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.api.BuildInfo;
import io.ignis.server.remote.proto.WriteRequest;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.Sample;
import io.ignis.server.remote.proto.TimeSeries;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * {@code storage.tsdb.out_of_order_time_window} as the running server applies it: late samples pushed through the
 * remote-write receiver are stored within the window and refused beyond it, a reload changes the window, and late
 * samples survive a restart (they live in {@code wbl/}).
 */
class OutOfOrderWindowEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private String base;
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
    }

    private void start(String window) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        writeConfig(window);
        server = new Server(Flags.parse("--config.file=" + config, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.enable-remote-write-receiver",
                "--web.enable-lifecycle"), BUILD);
        base = "http://127.0.0.1:" + server.listen().get(0).getPort();
        server.becomeReady();
    }

    private void writeConfig(String window) throws Exception {
        Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1h}\n"
                + "storage: {tsdb: {out_of_order_time_window: " + window + "}}\n");
    }

    @Test
    void lateSamplesWithinTheWindowAreStoredAndSurviveARestart() throws Exception {
        start("30m");
        long now = System.currentTimeMillis() / 1000 * 1000;
        assertThat(push(now)).isEqualTo(204);
        assertThat(push(now - 20 * MINUTE)).as("20 minutes late, inside the window").isEqualTo(204);
        assertThat(push(now - 10 * MINUTE)).isEqualTo(204);
        HttpResponse<String> tooOld = pushResponse(now - 40 * MINUTE);
        assertThat(tooOld.statusCode()).as("beyond the window").isEqualTo(400);
        assertThat(tooOld.body()).contains("too old sample");
        assertThat(timestamps(now)).containsExactly(now - 20 * MINUTE, now - 10 * MINUTE, now);

        server.shutdown();
        server = null;
        start("30m");
        assertThat(timestamps(now)).as("after a restart").containsExactly(now - 20 * MINUTE, now - 10 * MINUTE, now);
    }

    @Test
    void reloadTurnsTheWindowOnAndOff() throws Exception {
        start("0s");
        long now = System.currentTimeMillis() / 1000 * 1000;
        assertThat(push(now)).isEqualTo(204);
        HttpResponse<String> refused = pushResponse(now - 5 * MINUTE);
        assertThat(refused.statusCode()).as("no window: out of order").isEqualTo(400);
        assertThat(refused.body()).contains("out of order sample");

        writeConfig("1h");
        assertThat(reload()).isEqualTo(200);
        assertThat(push(now - 5 * MINUTE)).as("after the reload").isEqualTo(204);
        assertThat(timestamps(now)).containsExactly(now - 5 * MINUTE, now);

        writeConfig("0s");
        assertThat(reload()).isEqualTo(200);
        assertThat(pushResponse(now - 4 * MINUTE).statusCode()).as("window off again").isEqualTo(400);
    }

    private int push(long t) throws Exception {
        HttpResponse<String> r = pushResponse(t);
        assertThat(r.statusCode()).as("push %d: %s", t, r.body()).isIn(204, 400);
        return r.statusCode();
    }

    private HttpResponse<String> pushResponse(long t) throws Exception {
        WriteRequest req = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("late_metric"))
                .addLabels(Label.newBuilder().setName("job").setValue("pusher"))
                .addSamples(Sample.newBuilder().setTimestamp(t).setValue(t / 1000.0))).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(req.toByteArray()))).build();
        return client.send(post, HttpResponse.BodyHandlers.ofString());
    }

    private int reload() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The stored sample timestamps of late_metric in the hour before {@code now}, in order. */
    private List<Long> timestamps(long now) throws Exception {
        String q = URLEncoder.encode("late_metric[1h]", StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query=" + q
                + "&time=" + (now / 1000.0 + 1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> ts = new ArrayList<>();
        for (JsonNode series : JSON.readTree(r.body()).path("data").path("result")) {
            for (JsonNode v : series.path("values")) {
                ts.add(Math.round(v.get(0).asDouble() * 1000));
                assertThat(v.get(1).asDouble()).isEqualTo(Math.round(v.get(0).asDouble() * 1000) / 1000.0);
            }
        }
        return ts;
    }
}
