package io.ignis.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code /api/v1/status/buildinfo} and {@code --version} report. The field names are Prometheus's; Grafana
 * checks for them. {@code goVersion} carries the Java runtime version, since that is what runs us.
 */
public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
                        String goVersion) {

    /** Reads the properties the build wrote into the jar; fields the build could not fill are "unknown". */
    public static BuildInfo load() {
        Properties p = new Properties();
        read(p, "/io/ignis/server/build.properties");
        read(p, "/io/ignis/server/git.properties");
        return new BuildInfo(value(p, "version"), value(p, "revision"), value(p, "branch"), value(p, "buildUser"),
                value(p, "buildDate"), "java" + System.getProperty("java.version"));
    }

    private static void read(Properties p, String resource) {
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read " + resource, e);
        }
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
