package io.ignis.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders the registry for {@code /metrics}: OpenMetrics 1.0 when the Accept header asks for it, otherwise the
 * text format 0.0.4, as Prometheus's own handler negotiates.
 */
public final class MetricsExposition {
    public static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_100 = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsExposition(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A rendered exposition and the Content-Type to send with it. */
    public record Body(String contentType, byte[] bytes) {
    }

    public Body render(String acceptHeader) {
        String contentType = wantsOpenMetrics(acceptHeader) ? OPENMETRICS_100 : TEXT_004;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(out, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("render metrics", e);
        }
        return new Body(contentType, out.toByteArray());
    }

    static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }
}
