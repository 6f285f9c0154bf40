package io.ignis.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole {@code prometheus.yml}, validated, with every default filled and every relative file name resolved
 * against the directory of {@link #sourceFile()}. Scrape configs from {@code scrape_config_files} are loaded and
 * kept apart from those written in the main file; {@link #scrapeConfigs()} gives them all, main file first.
 */
public record PrometheusConfig(Path sourceFile, GlobalConfig global, RuntimeConfig runtime, AlertingConfig alerting,
        List<String> ruleFiles, List<String> scrapeConfigFiles, List<ScrapeConfig> mainScrapeConfigs,
        List<ScrapeConfig> includedScrapeConfigs, StorageConfig storage, TracingConfig tracing,
        List<RemoteWriteConfig> remoteWriteConfigs, List<RemoteReadConfig> remoteReadConfigs, OtlpConfig otlp) {
    public PrometheusConfig {
        ruleFiles = List.copyOf(ruleFiles);
        scrapeConfigFiles = List.copyOf(scrapeConfigFiles);
        mainScrapeConfigs = List.copyOf(mainScrapeConfigs);
        includedScrapeConfigs = List.copyOf(includedScrapeConfigs);
        remoteWriteConfigs = List.copyOf(remoteWriteConfigs);
        remoteReadConfigs = List.copyOf(remoteReadConfigs);
    }

    /** Every scrape config: the main file's, then those of {@code scrape_config_files} in glob order. */
    public List<ScrapeConfig> scrapeConfigs() {
        List<ScrapeConfig> all = new ArrayList<>(mainScrapeConfigs);
        all.addAll(includedScrapeConfigs);
        return List.copyOf(all);
    }

    /**
     * The rule files matched by the {@code rule_files} globs right now, in Prometheus's order: each pattern's
     * matches sorted by name, patterns in config order. Call again on reload; files appear and disappear.
     */
    public List<Path> matchRuleFiles() {
        List<Path> files = new ArrayList<>();
        for (String pattern : ruleFiles) {
            files.addAll(Globs.match(pattern));
        }
        return List.copyOf(files);
    }

    /**
     * The effective configuration as YAML, as Prometheus's {@code /api/v1/status/config} shows it: defaults
     * filled, every secret printed as {@code <secret>}. Loading the result gives this config back, secrets aside.
     */
    public String toYaml() {
        return ConfigPrinter.print(this, true);
    }
}
