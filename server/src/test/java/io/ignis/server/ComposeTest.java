package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so this checks what can be checked of {@code docker-compose.yml}: the three services, Ignis
 * built from this repository, every mounted file present, the Ignis configuration scraping the other services by
 * name, and the Alertmanager configuration accepted by {@code amtool} (a real peer: fails under CI=true if missing).
 */
class ComposeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void servicesAreWiredByName() throws IOException {
        JsonNode services = yaml.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("ignis", "node-exporter", "alertmanager");
        JsonNode ignis = services.get("ignis");
        assertThat(ignis.at("/build/context").asText()).isEqualTo(".");
        assertThat(ROOT.resolve(ignis.at("/build/dockerfile").asText())).isRegularFile();
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(volume.asText()).isRegularFile();
                }
            }
        }
        String promConfig = Files.readString(ROOT.resolve("config/examples/compose/prometheus.yml"));
        assertThat(promConfig).contains("node-exporter:9100", "alertmanager:9093");
    }

    @Test
    void theDockerfileBuildsTheShadedJarFromThisRepository() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("server/Dockerfile"));
        assertThat(dockerfile).contains("-pl server -am package", "/src/server/target/ignis.jar",
                "COPY config/examples/prometheus.yml");
        assertThat(ROOT.resolve("config/examples/prometheus.yml")).isRegularFile();
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfiguration() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/amtool"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("amtool (Debian package prometheus-alertmanager) is required under CI=true")
                    .isTrue();
        }
        assumeThat(present).as("amtool not installed; install the Debian package prometheus-alertmanager").isTrue();
        Process p = new ProcessBuilder("/usr/bin/amtool", "check-config",
                ROOT.resolve("config/examples/compose/alertmanager.yml").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
