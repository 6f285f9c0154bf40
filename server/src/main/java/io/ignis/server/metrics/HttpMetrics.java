package io.ignis.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code prometheus_http_requests_total}, {@code prometheus_http_request_duration_seconds} and
 * {@code prometheus_http_response_size_bytes} by handler, with Prometheus's bucket boundaries, so the usual
 * dashboards for a Prometheus server work unchanged.
 */
public final class HttpMetrics {
    /** Prometheus's request duration buckets, in seconds. */
    private static final double[] DURATION_BUCKETS = {0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120};

    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void observe(String handler, int status, long durationNanos, long responseBytes) {
        Counter.builder("prometheus.http.requests")
                .description("Counter of HTTP requests.")
                .tags("handler", handler, "code", Integer.toString(status))
                .register(registry).increment();
        Timer.builder("prometheus.http.request.duration")
                .description("Histogram of latencies for HTTP requests.")
                .tags("handler", handler)
                .serviceLevelObjectives(durations())
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("prometheus.http.response.size")
                .description("Histogram of response size for HTTP requests.")
                .baseUnit("bytes")
                .tags("handler", handler)
                // As in Prometheus: 100 bytes times powers of ten, eight buckets.
                .serviceLevelObjectives(100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9)
                .register(registry).record(responseBytes);
    }

    private static Duration[] durations() {
        Duration[] out = new Duration[DURATION_BUCKETS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Duration.ofNanos((long) (DURATION_BUCKETS[i] * 1e9));
        }
        return out;
    }
}
