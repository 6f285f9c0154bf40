package io.ignis.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Renders the registry for {@code /metrics} in the format the Accept header prefers (by q-value, ties going to the
 * earlier entry): delimited protobuf, OpenMetrics 1.0, or the text format 0.0.4, which is also the default.
 */
public final class MetricsExposition {
    public static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_100 = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    public static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited";

    private final PrometheusMeterRegistry registry;

    public MetricsExposition(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A rendered exposition and the Content-Type to send with it. */
    public record Body(String contentType, byte[] bytes) {
    }

    public Body render(String acceptHeader) {
        String contentType = negotiate(acceptHeader);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(out, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("render metrics", e);
        }
        return new Body(contentType, out.toByteArray());
    }

    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return TEXT_004;
        }
        String best = TEXT_004;
        double bestQ = -1;
        for (String entry : accept.split(",")) {
            String type = formatOf(entry);
            double q = qualityOf(entry);
            if (type != null && q > 0 && q > bestQ) {
                best = type;
                bestQ = q;
            }
        }
        return best;
    }

    private static String formatOf(String entry) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (e.startsWith("application/vnd.google.protobuf") && e.contains("io.prometheus.client.metricfamily")
                && e.contains("encoding=delimited")) {
            return PROTOBUF;
        }
        if (e.startsWith("application/openmetrics-text")) {
            return OPENMETRICS_100;
        }
        if (e.startsWith("text/plain") || e.startsWith("*/*") || e.startsWith("text/*")) {
            return TEXT_004;
        }
        return null;
    }

    private static double qualityOf(String entry) {
        for (String param : entry.split(";")) {
            String p = param.trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
