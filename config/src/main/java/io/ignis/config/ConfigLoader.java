package io.ignis.config;

import com.google.re2j.Pattern;
import io.ignis.config.yaml.Mark;
import io.ignis.config.yaml.YamlException;
import io.ignis.config.yaml.YamlNode;
import io.ignis.config.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Loads and validates {@code prometheus.yml} the way Prometheus 3.x does: strict fields, Prometheus's defaults and
 * error wording, {@code ${VAR}} in external labels, {@code scrape_config_files} globbed and merged. Every error is a
 * {@link ConfigException} naming file:line:column and the field path.
 */
public final class ConfigLoader {
    /** Prometheus's {@code patRulePath}: a glob only in the last path element. */
    private static final Pattern RULE_PATH = Pattern.compile("^[^*]*(\\*[^/]*)?$");

    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving relative paths inside it against its directory. */
    public static PrometheusConfig loadFile(Path file) {
        return load(read(file), file.toString(), file, System::getenv);
    }

    /**
     * Loads {@code file} for agent mode, where Prometheus refuses {@code alerting}, {@code rule_files} and
     * {@code remote_read}, with its wording.
     */
    public static PrometheusConfig loadFileForAgent(Path file) {
        PrometheusConfig c = loadFile(file);
        if (!c.alerting().alertmanagers().isEmpty() || !c.alerting().alertRelabelConfigs().isEmpty()) {
            throw new ConfigException(file + ": field alerting is not allowed in agent mode");
        }
        if (!c.ruleFiles().isEmpty()) {
            throw new ConfigException(file + ": field rule_files is not allowed in agent mode");
        }
        if (!c.remoteReadConfigs().isEmpty()) {
            throw new ConfigException(file + ": field remote_read is not allowed in agent mode");
        }
        return c;
    }

    /**
     * Loads {@code yaml} as if read from {@code fileName}: errors name that file and relative paths resolve
     * against its directory.
     */
    public static PrometheusConfig load(String yaml, String fileName) {
        return load(yaml, fileName, Path.of(fileName), System::getenv);
    }

    /** As {@link #load(String, String)}, with environment variables looked up in {@code env}. */
    static PrometheusConfig load(String yaml, String fileName, Path source, UnaryOperator<String> env) {
        Path dir = source.getParent();
        FieldReader r = FieldReader.of(fileName, dir, "", parse(yaml, fileName), new Mark(1, 1), "config");
        GlobalConfig global = r.object("global", "global_config", g -> GlobalBinder.bind(g, env));
        RuntimeConfig runtime = r.object("runtime", "runtime_config", StorageBinder::runtime);
        List<String> ruleFiles = globs(r, "rule_files", "invalid rule file path");
        List<String> scrapeConfigFiles = globs(r, "scrape_config_files", "invalid scrape config file path");
        List<ScrapeConfig> scrapeConfigs = r.objects("scrape_configs", "scrape_config",
                "empty or null scrape config section", s -> ScrapeConfigBinder.bind(s, global));
        Map<String, String> jobs = new HashMap<>();
        checkJobNames(r, scrapeConfigs, jobs, "main config file");
        String scheme = global.metricNameValidationScheme();
        AlertingConfig alerting = r.object("alerting", "alerting_config", a -> AlertingBinder.bind(a, scheme));
        List<RemoteWriteConfig> writes = r.objects("remote_write", "remote_write_config",
                "empty or null remote write config section", w -> RemoteBinder.write(w, scheme));
        checkNames(r, "remote_write", writes.stream().map(RemoteWriteConfig::name).toList(), "remote write");
        List<RemoteReadConfig> reads = r.objects("remote_read", "remote_read_config",
                "empty or null remote read config section", RemoteBinder::read);
        checkNames(r, "remote_read", reads.stream().map(RemoteReadConfig::name).toList(), "remote read");
        StorageConfig storage = r.object("storage", "storage_config", StorageBinder::storage);
        TracingConfig tracing = r.has("tracing") ? r.object("tracing", "tracing_config", StorageBinder::tracing)
                : TracingConfig.DISABLED;
        r.node("tracing");
        OtlpConfig otlp = r.object("otlp", "otlp_config", o -> StorageBinder.otlp(o, scheme));
        r.finish("config");
        List<ScrapeConfig> included = ScrapeConfigFiles.load(scrapeConfigFiles, global, jobs);
        return new PrometheusConfig(source, global, runtime, alerting, ruleFiles, scrapeConfigFiles, scrapeConfigs,
                included, storage, tracing, writes, reads, otlp);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("open " + file + ": no such file or directory", e);
        } catch (IOException e) {
            throw new ConfigException("read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The YAML tree of {@code yaml}, or null for an empty document. */
    static YamlNode parse(String yaml, String fileName) {
        try {
            return YamlTreeReader.read(yaml);
        } catch (YamlException e) {
            throw new ConfigException(fileName, e.mark().line(), e.mark().column(), "", e.reason(), e);
        }
    }

    private static List<String> globs(FieldReader r, String key, String reason) {
        List<String> out = new ArrayList<>();
        List<String> patterns = r.strings(key);
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (!RULE_PATH.matcher(p).matches()) {
                throw FieldReader.at(r.fileName(), r.itemMark(key, i, ""), r.path(key) + "[" + i + "]",
                        reason + " \"" + p + "\"");
            }
            out.add(r.resolve(p));
        }
        return out;
    }

    /** Records each job name and where it was first seen; a repeat fails with Prometheus's wording. */
    static void checkJobNames(FieldReader r, List<ScrapeConfig> configs, Map<String, String> seen, String where) {
        for (int i = 0; i < configs.size(); i++) {
            String job = configs.get(i).jobName();
            String first = seen.putIfAbsent(job, where);
            if (first != null) {
                String reason = "found multiple scrape configs with job name \"" + job + "\"";
                if (!where.equals("main config file")) {
                    reason += ", first found in " + first;
                }
                throw FieldReader.at(r.fileName(), r.itemMark("scrape_configs", i, "job_name"),
                        r.path("scrape_configs") + "[" + i + "].job_name", reason);
            }
        }
    }

    private static void checkNames(FieldReader r, String key, List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!name.isEmpty() && !seen.add(name)) {
                throw FieldReader.at(r.fileName(), r.itemMark(key, i, "name"), r.path(key) + "[" + i + "].name",
                        "found multiple " + what + " configs with job name \"" + name + "\"");
            }
        }
    }
}
