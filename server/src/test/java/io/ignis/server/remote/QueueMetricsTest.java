package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.metrics.ExpositionText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueMetricsTest {
    private static final String URL = "http://127.0.0.1:9201/write";
    private static final String Q = "{remote_name=\"rw1\",url=\"" + URL + "\"}";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final QueueMetrics queue = new QueueMetrics(1, 50, 10_000, 2_000);
    private final List<QueueMetrics> running = new CopyOnWriteArrayList<>(List.of(queue));

    QueueMetricsTest() {
        QueueMetrics.register(registry.getPrometheusRegistry(), () -> {
            List<QueueStats> out = new ArrayList<>();
            for (QueueMetrics m : running) {
                out.add(m.snapshot("rw1", URL));
            }
            return out;
        });
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void everyQueueFamilyHasPrometheusNameTypeAndLabels() {
        queue.samplesIn.add(10);
        queue.samplesSent.add(7);
        queue.bytesSent.add(1234);
        queue.shards = 2;
        queue.desiredShards = 1.5;
        QueueMetrics.raise(queue.highestTimestamp, 1_700_000_000_000L);
        queue.dropSample(QueueMetrics.DROPPED_SERIES);
        queue.dropSample(QueueMetrics.TOO_OLD);
        queue.dropSample(QueueMetrics.TOO_OLD);
        queue.histogramsIn.add(4);
        queue.histogramsSent.add(3);
        queue.dropHistogram(QueueMetrics.NHCB_IN_RW1_NOT_SUPPORTED);
        queue.sentBatchNanos.add(3_000_000L);
        queue.sentBatches.increment();
        queue.sentBatchNanos.add(400_000_000_000L);
        queue.sentBatches.increment();
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_remote_storage_")).containsExactly(
                "prometheus_remote_storage_bytes_total",
                "prometheus_remote_storage_enqueue_retries_total",
                "prometheus_remote_storage_exemplars_failed_total",
                "prometheus_remote_storage_exemplars_in_total",
                "prometheus_remote_storage_exemplars_pending",
                "prometheus_remote_storage_exemplars_retried_total",
                "prometheus_remote_storage_exemplars_total",
                "prometheus_remote_storage_highest_timestamp_in_seconds",
                "prometheus_remote_storage_histograms_dropped_total",
                "prometheus_remote_storage_histograms_failed_total",
                "prometheus_remote_storage_histograms_in_total",
                "prometheus_remote_storage_histograms_pending",
                "prometheus_remote_storage_histograms_retried_total",
                "prometheus_remote_storage_histograms_total",
                "prometheus_remote_storage_max_samples_per_send",
                "prometheus_remote_storage_metadata_bytes_total",
                "prometheus_remote_storage_metadata_failed_total",
                "prometheus_remote_storage_metadata_retried_total",
                "prometheus_remote_storage_metadata_total",
                "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
                "prometheus_remote_storage_queue_highest_timestamp_seconds",
                "prometheus_remote_storage_samples_dropped_total",
                "prometheus_remote_storage_samples_failed_total",
                "prometheus_remote_storage_samples_in_total",
                "prometheus_remote_storage_samples_pending",
                "prometheus_remote_storage_samples_retried_total",
                "prometheus_remote_storage_samples_total",
                "prometheus_remote_storage_sent_batch_duration_seconds",
                "prometheus_remote_storage_shard_capacity",
                "prometheus_remote_storage_shards",
                "prometheus_remote_storage_shards_desired",
                "prometheus_remote_storage_shards_max",
                "prometheus_remote_storage_shards_min");
        assertThat(text.types).containsEntry("prometheus_remote_storage_sent_batch_duration_seconds", "histogram")
                .containsEntry("prometheus_remote_storage_samples_total", "counter")
                .containsEntry("prometheus_remote_storage_shards", "gauge");
        assertThat(text.value("prometheus_remote_storage_samples_total" + Q)).isEqualTo(7);
        assertThat(text.value("prometheus_remote_storage_bytes_total" + Q)).isEqualTo(1234);
        assertThat(text.value("prometheus_remote_storage_shards" + Q)).isEqualTo(2);
        assertThat(text.value("prometheus_remote_storage_shards_desired" + Q)).isEqualTo(1.5);
        assertThat(text.value("prometheus_remote_storage_shards_max" + Q)).isEqualTo(50);
        assertThat(text.value("prometheus_remote_storage_shard_capacity" + Q)).isEqualTo(10_000);
        assertThat(text.value("prometheus_remote_storage_max_samples_per_send" + Q)).isEqualTo(2_000);
        assertThat(text.value("prometheus_remote_storage_queue_highest_timestamp_seconds" + Q))
                .isEqualTo(1_700_000_000);
        assertThat(text.value("prometheus_remote_storage_highest_timestamp_in_seconds")).isEqualTo(1_700_000_000);
        assertThat(text.value("prometheus_remote_storage_samples_in_total")).isEqualTo(10);
        assertThat(text.value("prometheus_remote_storage_samples_dropped_total{reason=\"too_old\",remote_name=\"rw1\","
                + "url=\"" + URL + "\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_remote_storage_samples_dropped_total{reason=\"dropped_series\","
                + "remote_name=\"rw1\",url=\"" + URL + "\"}")).isEqualTo(1);
        assertThat(text.series("prometheus_remote_storage_samples_dropped_total")).hasSize(2);
        assertThat(text.value("prometheus_remote_storage_histograms_dropped_total{reason="
                + "\"nhcb_in_rw1_not_supported\",remote_name=\"rw1\",url=\"" + URL + "\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_remote_storage_histograms_total" + Q)).isEqualTo(3);
        assertThat(text.value("prometheus_remote_storage_histograms_in_total")).isEqualTo(4);
        String bucket = "prometheus_remote_storage_sent_batch_duration_seconds_bucket{remote_name=\"rw1\",url=\""
                + URL + "\",le=\"";
        assertThat(text.value(bucket + "0.005\"}")).isEqualTo(1);
        assertThat(text.value(bucket + "300.0\"}")).isEqualTo(1);
        assertThat(text.value(bucket + "+Inf\"}")).isEqualTo(2);
        assertThat(text.series("prometheus_remote_storage_sent_batch_duration_seconds")).hasSize(16 + 2);
        assertThat(text.value("prometheus_remote_storage_sent_batch_duration_seconds_sum" + Q)).isEqualTo(400.003);
        assertThat(text.helps).containsEntry("prometheus_remote_storage_shards",
                "The number of shards used for parallel sending to the remote storage.");
    }

    @Test
    void aStoppedQueueTakesItsFamiliesAlong() {
        running.clear();
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.text).doesNotContain("remote_name=");
        assertThat(text.families("prometheus_remote_storage_")).containsExactly(
                "prometheus_remote_storage_exemplars_in_total",
                "prometheus_remote_storage_highest_timestamp_in_seconds",
                "prometheus_remote_storage_histograms_in_total",
                "prometheus_remote_storage_samples_in_total");
    }
}
