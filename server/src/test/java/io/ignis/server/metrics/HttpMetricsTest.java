package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    @Test
    void namesLabelsAndBucketsAreThoseOfPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpMetrics metrics = new HttpMetrics(registry);
        metrics.observe("/-/ready", 200, 150_000_000L, 28);
        metrics.observe("/-/ready", 503, 50_000_000L, 19);
        metrics.observe("/api/v1/label/:name/values", 200, 2_500_000_000L, 5_000);

        String text = registry.scrape();
        assertThat(text).contains(
                "prometheus_http_requests_total{code=\"200\",handler=\"/-/ready\"} 1",
                "prometheus_http_requests_total{code=\"503\",handler=\"/-/ready\"} 1",
                "prometheus_http_request_duration_seconds_bucket{handler=\"/-/ready\",le=\"0.1\"} 1",
                "prometheus_http_request_duration_seconds_bucket{handler=\"/-/ready\",le=\"0.2\"} 2",
                "prometheus_http_request_duration_seconds_bucket{handler=\"/api/v1/label/:name/values\",le=\"3.0\"} 1",
                "prometheus_http_request_duration_seconds_bucket{handler=\"/api/v1/label/:name/values\",le=\"1.0\"} 0",
                "prometheus_http_request_duration_seconds_count{handler=\"/-/ready\"} 2",
                "prometheus_http_response_size_bytes_bucket{handler=\"/-/ready\",le=\"100.0\"} 2",
                "prometheus_http_response_size_bytes_bucket{handler=\"/api/v1/label/:name/values\",le=\"10000.0\"} 1");
        registry.close();
    }
}
