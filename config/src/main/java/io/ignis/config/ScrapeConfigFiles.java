package io.ignis.config;

import io.ignis.config.yaml.Mark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code scrape_config_files} globs and loads each file's {@code scrape_configs}, validated against the
 * main file's {@code global}, as Prometheus's {@code GetScrapeConfigs} does. Paths inside an included file resolve
 * against that file's directory.
 */
final class ScrapeConfigFiles {
    private ScrapeConfigFiles() {
    }

    /** {@code jobs} holds the job names seen so far and where; it is extended with the included ones. */
    static List<ScrapeConfig> load(List<String> patterns, GlobalConfig global, Map<String, String> jobs) {
        List<ScrapeConfig> out = new ArrayList<>();
        for (String pattern : patterns) {
            for (Path file : Globs.match(pattern)) {
                String name = file.toString();
                FieldReader r = FieldReader.of(name, file.getParent(), "",
                        ConfigLoader.parse(ConfigLoader.read(file), name), new Mark(1, 1), "scrape_config_files");
                List<ScrapeConfig> configs = r.objects("scrape_configs", "scrape_config",
                        "empty or null scrape config section", s -> ScrapeConfigBinder.bind(s, global));
                r.finish("scrape_config_files");
                ConfigLoader.checkJobNames(r, configs, jobs, "\"" + file.toAbsolutePath() + "\"");
                out.addAll(configs);
            }
        }
        return out;
    }
}
