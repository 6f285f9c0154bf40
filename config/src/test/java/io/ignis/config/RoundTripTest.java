package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** load → print → load gives the same config; the printed form never shows a secret. */
class RoundTripTest {
    static Stream<String> goodConfigs() {
        return Stream.of("minimal.yml", "kubernetes.yml", "ec2.yml", "dns.yml", "full.yml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void printedConfigLoadsBackEqual(String name) throws IOException {
        PrometheusConfig first = GoodConfigTest.load(name);

        String printed = ConfigPrinter.print(first, false);
        PrometheusConfig second = ConfigLoader.load(printed, first.sourceFile().toString(), first.sourceFile(),
                v -> null);

        assertThat(second).isEqualTo(first);
        assertThat(ConfigPrinter.print(second, false)).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void redactedConfigStillLoads(String name) throws IOException {
        PrometheusConfig first = GoodConfigTest.load(name);

        PrometheusConfig second = ConfigLoader.load(first.toYaml(), first.sourceFile().toString(),
                first.sourceFile(), v -> null);

        assertThat(second.scrapeConfigs()).extracting(ScrapeConfig::jobName)
                .isEqualTo(first.scrapeConfigs().stream().map(ScrapeConfig::jobName).toList());
        assertThat(second.global()).isEqualTo(first.global());
    }

    @Test
    void secretsAreRedacted() throws IOException {
        PrometheusConfig c = GoodConfigTest.load("full.yml");
        PrometheusConfig ec2 = GoodConfigTest.load("ec2.yml");

        String yaml = c.toYaml() + ec2.toYaml();

        assertThat(yaml).doesNotContain("p4ss", "line2", "tok-123", "hidden", "token1", "token2",
                "very-secret-key", "PRIVATE KEY");
        assertThat(yaml).contains("password: <secret>", "credentials: <secret>", "key: <secret>",
                "secret_key: <secret>", "- <secret>");
        assertThat(yaml).contains("username: scraper", "-----BEGIN CERTIFICATE-----", "access_key: AKIAEXAMPLE");
        assertThat(new Secret("x")).hasToString("<secret>");
    }

    @Test
    void passwordsInUrlsAreRedactedLikeGo() {
        PrometheusConfig c = ConfigLoader.load("""
                remote_write:
                  - url: https://writer:hunter2@remote.example.org/api/v1/write
                remote_read:
                  - url: http://reader@remote.example.org/read
                scrape_configs:
                  - job_name: a
                    proxy_url: http://u:p@proxy:3128
                """, "t.yml");

        String yaml = c.toYaml();

        assertThat(yaml).doesNotContain("hunter2", "u:p@");
        assertThat(yaml).contains("url: https://writer:xxxxx@remote.example.org/api/v1/write",
                "url: http://reader@remote.example.org/read", "proxy_url: http://u:xxxxx@proxy:3128");
        assertThat(ConfigLoader.load(ConfigPrinter.print(c, false), "t.yml")).isEqualTo(c);
    }

    @Test
    void ruleFileGlobsMatchSortedFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/b.yml"), "groups: []\n");
        Files.writeString(dir.resolve("rules/a.yml"), "groups: []\n");
        Files.writeString(dir.resolve("rules/notes.txt"), "");
        Files.writeString(dir.resolve("single.yml"), "groups: []\n");
        Files.writeString(dir.resolve("prometheus.yml"), "rule_files: [single.yml, rules/*.yml, missing.yml]\n");

        PrometheusConfig c = ConfigLoader.loadFile(dir.resolve("prometheus.yml"));

        assertThat(c.ruleFiles()).containsExactly(dir.resolve("single.yml").toString(),
                dir.resolve("rules/*.yml").toString(), dir.resolve("missing.yml").toString());
        assertThat(c.matchRuleFiles()).containsExactly(dir.resolve("single.yml"), dir.resolve("rules/a.yml"),
                dir.resolve("rules/b.yml"));
    }

    @Test
    void printsDefaultsLikePrometheus() {
        String yaml = ConfigLoader.load("scrape_configs:\n  - job_name: a\n", "t.yml").toYaml();

        assertThat(yaml).contains("""
                global:
                  scrape_interval: 1m
                  scrape_timeout: 10s
                  evaluation_interval: 1m
                """);
        assertThat(yaml).contains("""
                - job_name: a
                  honor_timestamps: true
                  track_timestamps_staleness: false
                  scrape_interval: 1m
                  scrape_timeout: 10s
                """);
        assertThat(yaml).contains("  metrics_path: /metrics\n  scheme: http\n  enable_compression: true\n");
        assertThat(yaml).contains("  follow_redirects: true\n  enable_http2: true\n");
    }

    @Test
    void scrapeConfigFilesAreMergedAndResolvedAgainstTheirOwnDirectory(@TempDir Path dir) throws IOException {
        Path main = copy(dir, "with_included.yml", "with_included.yml");
        copy(dir, "included/a.yml", "included/a.yml");
        copy(dir, "included/b.yml", "included/b.yml");

        PrometheusConfig c = ConfigLoader.loadFile(main);

        assertThat(c.scrapeConfigFiles()).containsExactly(dir.resolve("included/*.yml").toString());
        assertThat(c.mainScrapeConfigs()).extracting(ScrapeConfig::jobName).containsExactly("main");
        assertThat(c.scrapeConfigs()).extracting(ScrapeConfig::jobName)
                .containsExactly("main", "included-a", "included-b");
        ScrapeConfig a = c.scrapeConfigs().get(1);
        assertThat(a.scrapeInterval()).hasSeconds(20);
        assertThat(a.httpClientConfig().basicAuth().passwordFile())
                .isEqualTo(dir.resolve("included/secrets/a.txt").toString());
        ScrapeConfig b = c.scrapeConfigs().get(2);
        assertThat(b.scrapeInterval()).hasSeconds(60);
        assertThat(b.serviceDiscoveryConfigs().fileSdConfigs().get(0).files())
                .containsExactly(dir.resolve("included/targets/*.json").toString());

        PrometheusConfig again = ConfigLoader.load(ConfigPrinter.print(c, false), main.toString(), main, v -> null);
        assertThat(again).isEqualTo(c);
    }

    @Test
    void duplicateJobInIncludedFileNamesBothPlaces(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("prometheus.yml"), "scrape_config_files: [jobs/*.yml]\n"
                + "scrape_configs:\n  - job_name: node\n");
        Files.writeString(dir.resolve("jobs/node.yml"), "scrape_configs:\n  - job_name: other\n  - job_name: node\n");

        assertThatThrownBy(() -> ConfigLoader.loadFile(dir.resolve("prometheus.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("jobs/node.yml") + ":3:5: scrape_configs[1].job_name: found multiple scrape"
                        + " configs with job name \"node\", first found in main config file");
    }

    @Test
    void errorsInIncludedFilesNameThatFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("prometheus.yml"), "scrape_config_files: [jobs/*.yml]\n");
        Files.writeString(dir.resolve("jobs/node.yml"), "scrape_configs:\n  - job_name: node\n"
                + "    scrape_timeout: 2m\n");
        Files.writeString(dir.resolve("jobs/extra.yml"), "global:\n  scrape_interval: 1s\n");

        assertThatThrownBy(() -> ConfigLoader.loadFile(dir.resolve("prometheus.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("jobs/extra.yml") + ":1:1: global: field global not found in type"
                        + " scrape_config_files");
        Files.delete(dir.resolve("jobs/extra.yml"));
        assertThatThrownBy(() -> ConfigLoader.loadFile(dir.resolve("prometheus.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("jobs/node.yml") + ":3:5: scrape_configs[0].scrape_timeout: scrape timeout"
                        + " greater than scrape interval for scrape config with job name \"node\"");
    }

    @Test
    void agentModeRefusesServerOnlySections(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, "scrape_configs:\n  - job_name: a\nremote_write:\n  - url: http://rw/\n");
        assertThat(ConfigLoader.loadFileForAgent(file).remoteWriteConfigs()).hasSize(1);

        Files.writeString(file, "rule_files: [a.yml]\n");
        assertThatThrownBy(() -> ConfigLoader.loadFileForAgent(file))
                .hasMessage(file + ": field rule_files is not allowed in agent mode");
        Files.writeString(file, "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['am:9093']}]\n");
        assertThatThrownBy(() -> ConfigLoader.loadFileForAgent(file))
                .hasMessage(file + ": field alerting is not allowed in agent mode");
        Files.writeString(file, "remote_read:\n  - url: http://rr/\n");
        assertThatThrownBy(() -> ConfigLoader.loadFileForAgent(file))
                .hasMessage(file + ": field remote_read is not allowed in agent mode");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> ConfigLoader.loadFile(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("open " + missing + ": no such file or directory");
    }

    private static Path copy(Path dir, String resource, String target) throws IOException {
        Path out = dir.resolve(target);
        Files.createDirectories(out.getParent());
        Files.writeString(out, BadConfigTest.resource("good/" + resource));
        return out;
    }
}
