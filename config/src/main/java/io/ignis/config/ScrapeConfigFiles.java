package io.ignis.config;

import io.ignis.config.yaml.Mark;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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
            for (Path file : glob(pattern)) {
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

    /** Go's filepath.Glob for patterns with wildcards in the last element only: matches sorted by name. */
    static List<Path> glob(String pattern) {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of("") : p.getParent();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (!hasMeta(last)) {
            if (Files.exists(p)) {
                out.add(p);
            }
            return out;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
        Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
        if (!Files.isDirectory(listed)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName())) {
                    out.add(dir.toString().isEmpty() ? entry.getFileName() : dir.resolve(entry.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("error retrieving scrape config files for \"" + pattern + "\": "
                    + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean hasMeta(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
