package io.ignis.server.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.metrics.ExpositionText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierMetricsTest {
    private static final String A = "http://am-1:9093/api/v2/alerts";
    private static final String B = "http://am-2:9093/api/v2/alerts";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NotifierMetrics metrics = new NotifierMetrics();

    NotifierMetricsTest() {
        metrics.register(registry.getPrometheusRegistry());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void familiesAreLabelledByAlertmanagerAsInPrometheus() {
        metrics.queueCapacity(10_000);
        metrics.alertmanagers(List.of(A, B));
        metrics.sent(A, 3, 0.02);
        metrics.failed(B, 3);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_notifications_")).containsExactly(
                "prometheus_notifications_alertmanagers_discovered",
                "prometheus_notifications_dropped_total",
                "prometheus_notifications_errors_total",
                "prometheus_notifications_latency_histogram_seconds",
                "prometheus_notifications_latency_seconds",
                "prometheus_notifications_queue_capacity",
                "prometheus_notifications_queue_length",
                "prometheus_notifications_sent_total");
        assertThat(text.types).containsEntry("prometheus_notifications_latency_seconds", "summary")
                .containsEntry("prometheus_notifications_latency_histogram_seconds", "histogram")
                .containsEntry("prometheus_notifications_dropped_total", "counter")
                .containsEntry("prometheus_notifications_queue_length", "gauge");
        assertThat(text.value("prometheus_notifications_queue_capacity")).isEqualTo(10_000);
        assertThat(text.value("prometheus_notifications_alertmanagers_discovered")).isEqualTo(2);
        assertThat(text.value("prometheus_notifications_sent_total{alertmanager=\"" + A + "\"}")).isEqualTo(3);
        assertThat(text.value("prometheus_notifications_sent_total{alertmanager=\"" + B + "\"}")).isEqualTo(0);
        assertThat(text.value("prometheus_notifications_errors_total{alertmanager=\"" + B + "\"}")).isEqualTo(3);
        assertThat(text.value("prometheus_notifications_dropped_total{alertmanager=\"" + B + "\"}")).isEqualTo(3);
        assertThat(text.value("prometheus_notifications_latency_seconds_count{alertmanager=\"" + A + "\"}"))
                .isEqualTo(1);
        assertThat(text.series("prometheus_notifications_latency_seconds")).noneMatch(s -> s.contains(B));
        assertThat(text.helps).containsEntry("prometheus_notifications_dropped_total",
                "Total number of alerts dropped due to errors when sending to Alertmanager.");
    }

    @Test
    void theSharedQueueCountsForEveryAlertmanagerAndAGoneOneLosesItsSeries() {
        metrics.alertmanagers(List.of(A, B));
        metrics.queueLength(7);
        metrics.droppedFromQueue(2);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_notifications_queue_length{alertmanager=\"" + A + "\"}")).isEqualTo(7);
        assertThat(text.value("prometheus_notifications_queue_length{alertmanager=\"" + B + "\"}")).isEqualTo(7);
        assertThat(text.value("prometheus_notifications_dropped_total{alertmanager=\"" + B + "\"}")).isEqualTo(2);
        assertThat(metrics.value("prometheus_notifications_dropped_total", "")).isEqualTo(2);

        metrics.alertmanagers(List.of(A));
        // A batch that was in flight to the removed Alertmanager does not bring its series back.
        metrics.sent(B, 1, 0.01);
        metrics.failed(B, 1);
        ExpositionText after = ExpositionText.of(registry);
        assertThat(after.text).doesNotContain(B).contains(A);
        assertThat(after.value("prometheus_notifications_alertmanagers_discovered")).isEqualTo(1);
    }
}
