package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.api.BuildInfo;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote storage and web security as the running server wires them: one Ignis remote-writes its self-scrape
 * into another (receiver enabled), which then serves those series, also to a third through remote read; and
 * {@code --web.config.file} basic auth guards every endpoint.
 */
class RemoteAndWebConfigEndToEndTest {
    private static final BuildInfo BUILD = new BuildInfo("1.0.0", "abc", "main", "me", "20260101-00:00:00",
            "java17");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Server> servers = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.forEach(Server::shutdown);
    }

    /** Starts a server whose config is {@code yaml} with {@code %d} replaced by its own port. */
    private String start(String name, String yaml, String... flags) throws Exception {
        Path config = dir.resolve(name + ".yml");
        List<String> args = new ArrayList<>(List.of("--config.file=" + config, "--web.listen-address=127.0.0.1:0",
                "--storage.tsdb.path=" + dir.resolve(name + "-data")));
        args.addAll(List.of(flags));
        Server server = new Server(Flags.parse(args.toArray(String[]::new)), BUILD);
        servers.add(server);
        int port = server.listen().get(0).getPort();
        Files.writeString(config, yaml.replace("%d", String.valueOf(port)));
        server.becomeReady();
        return "http://127.0.0.1:" + port;
    }

    @Test
    void remoteWriteIntoAReceiverAndRemoteReadFromIt() throws Exception {
        String receiver = start("receiver", "global: {scrape_interval: 1m}\n",
                "--web.enable-remote-write-receiver");
        start("sender", """
                global:
                  scrape_interval: 1s
                  external_labels: {sender: a}
                scrape_configs:
                  - job_name: sender
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                remote_write:
                  - url: RECEIVER/api/v1/write
                    queue_config: {batch_send_deadline: 100ms}
                """.replace("RECEIVER", receiver));
        awaitQuery(receiver, "up{job=\"sender\",sender=\"a\"}");

        String reader = start("reader", """
                global: {scrape_interval: 1m}
                remote_read:
                  - url: RECEIVER/api/v1/read
                    read_recent: true
                """.replace("RECEIVER", receiver));
        awaitQuery(reader, "up{job=\"sender\",sender=\"a\"}");
    }

    @Test
    void receiverIsOffUnlessEnabled() throws Exception {
        String base = start("plain", "global: {scrape_interval: 1m}\n");
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("--web.enable-remote-write-receiver");
    }

    @Test
    void webConfigBasicAuthGuardsTheServer() throws Exception {
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "s3cret".toCharArray());
        Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  alice: " + hash + "\n");
        String base = start("guarded", "global: {scrape_interval: 1m}\n", "--web.config.file=" + web);
        HttpRequest.Builder ready = HttpRequest.newBuilder(URI.create(base + "/-/ready"));
        assertThat(client.send(ready.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String credentials = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = client.send(ready.header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    private void awaitQuery(String base, String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            JsonNode result = JSON.readTree(last).path("data").path("result");
            if (r.statusCode() == 200 && result.size() > 0) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("no result for " + query + " at " + base + "; last answer " + last);
    }
}
