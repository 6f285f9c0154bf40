package io.ignis.server.notifier;

import io.ignis.server.metrics.SelfMeters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The notifier's {@code prometheus_notifications_*} families as Prometheus's notifier/metric.go defines them, most
 * labelled {@code alertmanager} (the URL alerts are posted to). Prometheus 3 keeps one queue per Alertmanager; ours is
 * shared, so an alert queued or dropped is queued or dropped for every current Alertmanager, and the shared queue's
 * length is each one's. An Alertmanager that goes away takes its series with it, as Prometheus's send loop deletes
 * them when it stops. Thread-safe.
 */
public final class NotifierMetrics {
    private final Summary latency = SelfMeters.summary("prometheus_notifications_latency_seconds",
            "Latency quantiles for sending alert notifications.", SelfMeters.THREE_QUANTILES, "alertmanager");
    private final Histogram latencyHistogram = SelfMeters.histogram(
            "prometheus_notifications_latency_histogram_seconds", "Latency histogram for sending alert notifications.",
            SelfMeters.TWIN_BUCKETS, "alertmanager");
    private final Counter errors = SelfMeters.counter("prometheus_notifications_errors_total",
            "Total number of sent alerts affected by errors.", "alertmanager");
    private final Counter sent = SelfMeters.counter("prometheus_notifications_sent_total",
            "Total number of alerts sent.", "alertmanager");
    private final Counter dropped = SelfMeters.counter("prometheus_notifications_dropped_total",
            "Total number of alerts dropped due to errors when sending to Alertmanager.", "alertmanager");
    private final Gauge queueLength = SelfMeters.gauge("prometheus_notifications_queue_length",
            "The number of alert notifications in the queue.", "alertmanager");
    private final Gauge queueCapacity = SelfMeters.gauge("prometheus_notifications_queue_capacity",
            "The capacity of the alert notifications queue.");
    private final Gauge discovered = SelfMeters.gauge("prometheus_notifications_alertmanagers_discovered",
            "The number of alertmanagers discovered and active.");
    // The shared queue's own figures, whatever Alertmanagers exist.
    private final DoubleAdder droppedShared = new DoubleAdder();
    private final AtomicLong queued = new AtomicLong();
    private Set<String> current = Set.of();
    // Alertmanagers removed by a reload: a batch still in flight to one must not bring its series back.
    private final Set<String> removed = new HashSet<>();

    /** Exposes every family in {@code registry}. */
    public void register(PrometheusRegistry registry) {
        for (var m : List.of(latency, latencyHistogram, errors, sent, dropped, queueLength, queueCapacity,
                discovered)) {
            registry.register(m);
        }
    }

    void queueCapacity(int capacity) {
        queueCapacity.set(capacity);
    }

    /** The Alertmanagers sent to from now on: new ones start at 0, gone ones lose their series. */
    synchronized void alertmanagers(List<String> urls) {
        Set<String> next = new HashSet<>(urls);
        for (String gone : current) {
            if (!next.contains(gone)) {
                latency.remove(gone);
                latencyHistogram.remove(gone);
                errors.remove(gone);
                sent.remove(gone);
                dropped.remove(gone);
                queueLength.remove(gone);
                removed.add(gone);
            }
        }
        removed.removeAll(next);
        for (String am : next) {
            errors.initLabelValues(am);
            sent.initLabelValues(am);
            dropped.initLabelValues(am);
            queueLength.labelValues(am).set(queued.get());
        }
        current = Set.copyOf(next);
        discovered.set(next.size());
    }

    synchronized void queueLength(int n) {
        queued.set(n);
        for (String am : current) {
            queueLength.labelValues(am).set(n);
        }
    }

    /** Alerts dropped from the shared queue (it overflowed): lost for every Alertmanager. */
    synchronized void droppedFromQueue(int n) {
        droppedShared.add(n);
        for (String am : current) {
            dropped.labelValues(am).inc(n);
        }
    }

    /** A batch an Alertmanager accepted, and how long the POST took. */
    synchronized void sent(String am, int n, double seconds) {
        if (removed.contains(am)) {
            return;
        }
        sent.labelValues(am).inc(n);
        latency.labelValues(am).observe(seconds);
        latencyHistogram.labelValues(am).observe(seconds);
    }

    /** A batch an Alertmanager did not take: counted as errors, and dropped for it, as in Prometheus 3. */
    synchronized void failed(String am, int n) {
        if (removed.contains(am)) {
            return;
        }
        errors.labelValues(am).inc(n);
        dropped.labelValues(am).inc(n);
    }

    /**
     * The current value of a family's series for {@code alertmanager}; "" reads the unlabelled families and, for
     * {@code dropped_total} and {@code queue_length}, the shared queue's own figures. 0 when never set.
     */
    public double value(String name, String alertmanager) {
        return switch (name) {
            case "prometheus_notifications_sent_total" -> sent.labelValues(alertmanager).get();
            case "prometheus_notifications_errors_total" -> errors.labelValues(alertmanager).get();
            case "prometheus_notifications_dropped_total" -> alertmanager.isEmpty() ? droppedShared.sum()
                    : dropped.labelValues(alertmanager).get();
            case "prometheus_notifications_queue_length" -> alertmanager.isEmpty() ? queued.get()
                    : queueLength.labelValues(alertmanager).get();
            case "prometheus_notifications_queue_capacity" -> queueCapacity.get();
            case "prometheus_notifications_alertmanagers_discovered" -> discovered.get();
            default -> throw new IllegalArgumentException("no notifier metric " + name);
        };
    }
}
