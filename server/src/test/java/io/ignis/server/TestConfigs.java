package io.ignis.server;

import io.ignis.config.ConfigLoader;
import io.ignis.config.PrometheusConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Configuration files for tests, valid for the real loader, and a loader that also refuses marked files. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** A valid configuration with one job whose name identifies it in {@code /api/v1/status/config}. */
    static String valid(String jobName) {
        return "global:\n"
                + "  scrape_interval: 15s\n"
                + "scrape_configs:\n"
                + "  - job_name: " + jobName + "\n"
                + "    static_configs:\n"
                + "      - targets: ['localhost:9090']\n";
    }

    /**
     * Broken for any loader: bytes that are not UTF-8 inside YAML that does not parse (an unclosed flow sequence)
     * under a key Prometheus does not know.
     */
    static byte[] broken() {
        byte[] text = "global:\n  scrape_interval: [15s\nnot_a_field: \"".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 3];
        System.arraycopy(text, 0, out, 0, text.length);
        out[text.length] = (byte) 0xff;
        out[text.length + 1] = (byte) 0xfe;
        out[text.length + 2] = '\n';
        return out;
    }

    /** The real loader, refusing also any file that contains {@code # refuse}; for in-process tests. */
    static Function<Path, PrometheusConfig> loaderRefusingMarked() {
        return path -> {
            try {
                if (Files.readString(path, StandardCharsets.ISO_8859_1).contains("# refuse")) {
                    throw new IllegalArgumentException(path + ":1:1: refused by the test loader");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ConfigLoader.loadFile(path);
        };
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
