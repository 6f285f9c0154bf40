package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so this checks what can be checked of {@code docker-compose.yml}: the three services, Ignis
 * built from this repository, every mounted file present, the Ignis configuration scraping the other services by
 * name, and the Alertmanager configuration accepted by {@code amtool} (a real peer: fails under CI=true if missing).
 * The compose file is read as text: a YAML library here would change the scope of the one the config module ships.
 */
class ComposeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void servicesAreWiredByName() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(services(compose)).containsExactlyInAnyOrder("ignis", "node-exporter", "alertmanager");
        Matcher dockerfile = Pattern.compile("(?m)^ {6}dockerfile: (\\S+)$").matcher(compose);
        assertThat(dockerfile.find()).isTrue();
        assertThat(ROOT.resolve(dockerfile.group(1))).isRegularFile();
        assertThat(compose).contains("      context: .\n");
        Matcher mount = Pattern.compile("(?m)^ {6}- (\\./[^:]+):").matcher(compose);
        int mounts = 0;
        while (mount.find()) {
            assertThat(ROOT.resolve(mount.group(1))).as(mount.group()).isRegularFile();
            mounts++;
        }
        assertThat(mounts).isEqualTo(2);
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
    void theImageRunsTheJvmWithTheOptionsOfBinIgnis() throws IOException {
        String script = Files.readString(ROOT.resolve("bin/ignis"));
        Matcher m = Pattern.compile("(?m)^default_opts=\\((.*)\\)$").matcher(script);
        assertThat(m.find()).as("default_opts=(...) in bin/ignis").isTrue();
        String dockerfile = Files.readString(ROOT.resolve("server/Dockerfile"));
        for (String opt : m.group(1).trim().split("\\s+")) {
            assertThat(dockerfile).as("server/Dockerfile ENTRYPOINT").contains("\"" + opt + "\"");
        }
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

    /** Keys indented two spaces under the top-level {@code services:} key. */
    private static List<String> services(String compose) {
        List<String> names = new ArrayList<>();
        boolean inServices = false;
        for (String line : compose.split("\n")) {
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inServices = line.equals("services:");
            } else if (inServices && line.matches("^ {2}[a-z][a-z0-9-]*:$")) {
                names.add(line.trim().substring(0, line.trim().length() - 1));
            }
        }
        return names;
    }
}
