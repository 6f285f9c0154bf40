package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.LabelsBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Against a real peer: Debian's node_exporter (client_golang) serves the same metrics as Prometheus text and
 * as delimited protobuf; both bodies must parse completely and yield the same series and metadata, which
 * checks the protobuf mapping (_count/_sum/_bucket, le and quantile text) against the text format.
 * Needs {@code prometheus-node-exporter} on the PATH: fails without it when CI=true, else is skipped.
 */
class NodeExporterPeerTest {
    private static final String PROTOBUF_ACCEPT =
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    @Test
    void textAndProtobufExpositionsAgree() throws Exception {
        Path binary = findBinary("prometheus-node-exporter");
        if (binary == null) {
            String msg = "prometheus-node-exporter not installed";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            Assumptions.assumeTrue(false, msg);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process exporter = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.loadavg", "--collector.meminfo", "--collector.stat")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
            HttpResponse<byte[]> text = fetch(client, uri, "text/plain;version=0.0.4");
            HttpResponse<byte[]> proto = fetch(client, uri, PROTOBUF_ACCEPT);

            Seen fromText = parse(text);
            Seen fromProto = parse(proto);
            assertThat(fromText.parserType).isEqualTo(PromParser.class.getSimpleName());
            assertThat(fromProto.parserType).isEqualTo(ProtobufParser.class.getSimpleName());
            assertThat(fromText.series).hasSizeGreaterThan(50);
            assertThat(fromProto.series).isEqualTo(fromText.series);
            assertThat(fromProto.metadata).isEqualTo(fromText.metadata);
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Seen(String parserType, Set<String> series, Map<String, String> metadata) {
    }

    private static Seen parse(HttpResponse<byte[]> response) {
        byte[] b = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        Parser p = Parsers.create(b, 0, b.length, contentType, ParserOptions.DEFAULT).parser();
        Set<String> series = new TreeSet<>();
        Map<String, String> metadata = new TreeMap<>();
        LabelsBuilder lb = new LabelsBuilder();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case SERIES -> {
                    p.labels(lb);
                    series.add(lb.build().toString());
                }
                case HELP -> metadata.merge(p.metricFamily(), "help=" + p.help(), (a, c) -> a + " " + c);
                case TYPE -> metadata.merge(p.metricFamily(), "type=" + p.type().text(), (a, c) -> a + " " + c);
                default -> {
                }
            }
        }
        return new Seen(p.getClass().getSimpleName(), series, metadata);
    }

    /** Polls until the exporter answers, for at most ten seconds. */
    private static HttpResponse<byte[]> fetch(HttpClient client, URI uri, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                return r;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static Path findBinary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
