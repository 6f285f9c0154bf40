package io.ignis.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** File globs as Prometheus expands {@code rule_files} and {@code scrape_config_files}. */
final class Globs {
    private Globs() {
    }

    /** Go's filepath.Glob for patterns with wildcards in the last element only: matches sorted by name. */
    static List<Path> match(String pattern) {
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
            throw new ConfigException("error retrieving files for \"" + pattern + "\": "
                    + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean hasMeta(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
