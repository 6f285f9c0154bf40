package io.ignis.discovery.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code filepath.Glob} for file SD patterns, whose wildcards the config allows only in the last element.
 * Matches keep the pattern's directory spelling, since it ends up in {@code __meta_filepath}.
 */
final class FileGlob {
    private FileGlob() {
    }

    /** The directory to watch for a pattern: its parent, or the working directory. */
    static Path directory(String pattern) {
        Path parent = Path.of(pattern).getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** Existing regular files matching the pattern, sorted by name. */
    static List<String> match(String pattern) throws IOException {
        Path p = Path.of(pattern);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        List<String> out = new ArrayList<>();
        if (!hasMeta(last)) {
            if (Files.exists(p)) {
                out.add(pattern);
            }
            return out;
        }
        Path dir = directory(pattern);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName())) {
                    out.add(p.getParent() == null ? entry.getFileName().toString()
                            : p.getParent().resolve(entry.getFileName()).toString());
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean hasMeta(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
