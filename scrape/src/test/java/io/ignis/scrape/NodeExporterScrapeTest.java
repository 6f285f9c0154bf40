package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Debian's prometheus-node-exporter scraped end to end on loopback. */
class NodeExporterScrapeTest {

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void scrapesRealNodeExporter() throws Exception {
        Path bin = Peers.require("/usr/bin/prometheus-node-exporter");
        int port = freePort();
        String address = "127.0.0.1:" + port;
        Process exporter = new ProcessBuilder(bin.toString(), "--web.listen-address=" + address)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (ScrapeHarness h = new ScrapeHarness()) {
            ScrapeHarness.await("node exporter listening", Duration.ofSeconds(20), () -> listening(port));
            h.apply(new TestScrapeConfig("node").interval(Duration.ofSeconds(2), Duration.ofMillis(1900)).build());
            h.targets(Map.of("node", List.of(address)));
            ScrapeHarness.await("a successful scrape", Duration.ofSeconds(30),
                    () -> h.storage.samples("up", "instance", address).stream().anyMatch(s -> s.v() == 1));

            assertThat(h.storage.samples("node_exporter_build_info")).isNotEmpty();
            assertThat(h.storage.samples("node_exporter_build_info").get(0).labels().get("job")).isEqualTo("node");
            assertThat(h.storage.samples("scrape_samples_scraped", "instance", address))
                    .anySatisfy(s -> assertThat(s.v()).isGreaterThan(100));
            assertThat(h.manager.metadata()).anySatisfy(m -> {
                assertThat(m.metric()).isEqualTo("node_exporter_build_info");
                assertThat(m.metadata().type().text()).isEqualTo("gauge");
                assertThat(m.target().get("instance")).isEqualTo(address);
            });
            TargetStatus s = h.status(address);
            assertThat(s.health()).isEqualTo(TargetHealth.UP);
            assertThat(s.lastScrapeDurationNanos()).isPositive();
            assertThat(s.globalUrl()).isEqualTo("http://testhost:" + port + "/metrics");
        } finally {
            exporter.destroy(); // SIGTERM to this PID only
            if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
                exporter.destroyForcibly();
            }
        }
    }
}
