package io.ignis.scrape.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.LabelsBuilder;
import io.ignis.scrape.textparse.Entry;
import io.ignis.scrape.textparse.Parser;
import io.ignis.scrape.textparse.ParserOptions;
import io.ignis.scrape.textparse.Parsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's prometheus-node-exporter serving TLS (Go's server, which offers h2) scraped over HTTP/2. */
class NodeExporterHttp2Test {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    @Test
    void scrapesNodeExporterOverHttp2(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            assertThat("true".equals(System.getenv("CI"))).as(BINARY + " required under CI=true").isFalse();
            Assumptions.assumeTrue(false, BINARY + " is not installed");
        }
        TlsSettingsTest.openssl(dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                + "-keyout server.key -out server.crt -days 1 -subj /CN=localhost "
                + "-addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null");
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "tls_server_config:\n  cert_file: " + dir.resolve("server.crt") + "\n  key_file: "
                + dir.resolve("server.key") + "\n");
        int port = freePort();
        Process exporter = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--web.config.file=" + web).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (ClientEventLoop loop = new ClientEventLoop(1)) {
            ConnectionTest.await("node exporter listening", () -> listening(port));
            ScrapeClient client = new ScrapeClient(loop, Http2ScrapeTest.configTrusting(dir.resolve("server.crt"),
                    true));
            try (Connection c = client.newConnection()) {
                String url = "https://127.0.0.1:" + port + "/metrics";
                for (int i = 0; i < 2; i++) {
                    ResponseBuffer body = new ResponseBuffer(1024);
                    CompletableFuture<ScrapeResponse> done = new CompletableFuture<>();
                    c.get(url, Map.of("Accept", "text/plain;version=0.0.4"), TimeUnit.SECONDS.toNanos(20), 0, true,
                            body, done::complete);
                    ScrapeResponse r = done.get(30, TimeUnit.SECONDS);
                    assertThat(r.error()).isEmpty();
                    assertThat(c.protocol()).isEqualTo("HTTP/2.0");
                    List<String> names = seriesNames(body, r.contentType());
                    assertThat(names.size()).isGreaterThan(100);
                    assertThat(names).contains("node_exporter_build_info", "promhttp_metric_handler_requests_total");
                }
            }
        } finally {
            exporter.destroy(); // SIGTERM to this PID only
            if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
                exporter.destroyForcibly();
            }
        }
    }

    private static List<String> seriesNames(ResponseBuffer body, String contentType) {
        Parser p = Parsers.create(body.bytes(), 0, body.length(), contentType, ParserOptions.DEFAULT).parser();
        LabelsBuilder labels = new LabelsBuilder();
        List<String> names = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                p.labels(labels);
                names.add(labels.get("__name__"));
            }
        }
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
