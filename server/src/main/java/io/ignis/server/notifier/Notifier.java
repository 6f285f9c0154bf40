package io.ignis.server.notifier;

import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.AlertingConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.LabelNames;
import io.ignis.discovery.TargetGroup;
import io.ignis.scrape.relabel.Relabeler;
import io.ignis.server.rules.Alert;
import io.ignis.server.rules.NotifyFunc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's notifier: {@link #send} adds external labels, applies {@code alert_relabel_configs} and queues alerts
 * (dropping the oldest past the capacity, {@code --alertmanager.notification-queue-capacity}); a sender thread takes
 * batches of up to {@value #MAX_BATCH_SIZE} and POSTs each to every Alertmanager of every {@code alertmanagers}
 * entry, after that entry's own {@code alert_relabel_configs}. The Alertmanagers come from discovery through
 * {@link #sync}. Thread-safe.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Prometheus's {@code maxBatchSize}. */
    public static final int MAX_BATCH_SIZE = 256;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private final int queueCapacity;
    private final NotifierMetrics metrics;
    private final ArrayDeque<NotifierAlert> queue = new ArrayDeque<>();
    private final Map<String, AlertmanagerSet> sets = new LinkedHashMap<>();
    private final Map<HttpClientConfig, HttpSender> senders = new HashMap<>();
    private volatile Map<String, String> externalLabels = Map.of();
    private volatile Relabeler alertRelabel = Relabeler.NONE;
    private Thread thread;
    private boolean stopped;

    public Notifier(int queueCapacity, NotifierMetrics metrics) {
        this.queueCapacity = queueCapacity;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.queueCapacity(queueCapacity);
    }

    /** {@link #applyConfig(AlertingConfig, Map, String)} with UTF-8 label names. */
    public void applyConfig(AlertingConfig alerting, Map<String, String> externalLabels) {
        applyConfig(alerting, externalLabels, LabelNames.UTF8);
    }

    /**
     * Prometheus's {@code ApplyConfig}: external labels and {@code alert_relabel_configs} for every alert from now
     * on, and one Alertmanager set per {@code alertmanagers} entry, named {@code config-<i>} as Prometheus names
     * them. A set whose config equals one of the previous sets keeps that set's Alertmanagers; the others wait for
     * discovery ({@link #sync}).
     */
    public void applyConfig(AlertingConfig alerting, Map<String, String> externalLabels,
            String nameValidationScheme) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.alertRelabel = Relabeler.compile(alerting.alertRelabelConfigs(), nameValidationScheme);
        List<AlertmanagerConfig> ams = alerting.alertmanagers();
        synchronized (this) {
            List<AlertmanagerSet> old = new ArrayList<>(sets.values());
            Map<String, AlertmanagerSet> next = new LinkedHashMap<>();
            for (int i = 0; i < ams.size(); i++) {
                AlertmanagerSet set = new AlertmanagerSet(ams.get(i), nameValidationScheme);
                for (AlertmanagerSet o : old) {
                    if (o.config().equals(set.config())) {
                        set.inherit(o);
                        break;
                    }
                }
                next.put(setName(i), set);
            }
            // All sets at once, so an Alertmanager kept across the reload keeps its metric series.
            sets.clear();
            sets.putAll(next);
            alertmanagersChanged();
        }
    }

    /** The name of the {@code i}-th {@code alertmanagers} entry, in discovery and in errors: {@code config-<i>}. */
    public static String setName(int i) {
        return "config-" + i;
    }

    /**
     * The notify discovery manager's subscriber (Prometheus's {@code reload}): each set named in the update gets
     * its target groups; an unknown name is logged.
     */
    public void sync(Map<String, List<TargetGroup>> groups) {
        synchronized (this) {
            groups.forEach((id, tgs) -> {
                AlertmanagerSet set = sets.get(id);
                if (set == null) {
                    LOG.error("msg=\"couldn't sync alert manager set\" err=\"invalid id:{}\"", id);
                } else {
                    set.sync(tgs);
                }
            });
            alertmanagersChanged();
        }
    }

    private void alertmanagersChanged() {
        List<String> urls = new ArrayList<>();
        for (AlertmanagerTarget t : alertmanagers()) {
            urls.add(t.url().toString());
        }
        metrics.alertmanagers(urls);
    }

    /** Every Alertmanager currently sent to, set by set, for {@code /api/v1/alertmanagers}. */
    public synchronized List<AlertmanagerTarget> alertmanagers() {
        List<AlertmanagerTarget> out = new ArrayList<>();
        for (AlertmanagerSet s : sets.values()) {
            out.addAll(s.active());
        }
        return out;
    }

    /** The URLs of Alertmanagers dropped by relabeling, set by set, for {@code droppedAlertmanagers}. */
    public synchronized List<String> droppedAlertmanagers() {
        List<String> out = new ArrayList<>();
        for (AlertmanagerSet s : sets.values()) {
            out.addAll(s.dropped());
        }
        return out;
    }

    /**
     * Queues alerts after adding the external labels they lack and applying {@code alert_relabel_configs}, as
     * Prometheus's {@code Send}; alerts the rules drop are never queued.
     */
    public void send(List<NotifierAlert> alerts) {
        List<NotifierAlert> relabeled = AlertRelabel.apply(alertRelabel, externalLabels, alerts);
        synchronized (this) {
            for (NotifierAlert a : relabeled) {
                queue.addLast(a);
            }
            int drop = queue.size() - queueCapacity;
            if (drop > 0) {
                for (int i = 0; i < drop; i++) {
                    queue.pollFirst();
                }
                metrics.droppedFromQueue(drop);
                LOG.warn("msg=\"alert notification queue full, dropping alerts\" num_dropped={}", drop);
            }
            metrics.queueLength(queue.size());
            notifyAll();
        }
    }

    /**
     * The rule manager's hook (Prometheus's {@code SendAlerts}): starts at firing time, ends at resolution or
     * at the alert's {@code validUntil}, links to the expression on {@code externalURL}.
     */
    public NotifyFunc notifyFunc(String externalURL) {
        return (expr, alerts) -> {
            if (alerts.isEmpty()) {
                return;
            }
            List<NotifierAlert> out = new ArrayList<>(alerts.size());
            for (Alert a : alerts) {
                long end = a.resolvedAt() != 0 ? a.resolvedAt() : a.validUntil();
                out.add(new NotifierAlert(a.labels(), a.annotations(), a.firedAt(), end,
                        externalURL + "/graph?g0.expr=" + urlQueryEscape(expr) + "&g0.tab=1"));
            }
            send(out);
        };
    }

    private static String urlQueryEscape(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** Starts the sender thread. */
    public synchronized void start() {
        thread = new Thread(this::run, "notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the sender thread after its current batch; queued alerts are dropped. */
    public void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            List<NotifierAlert> batch = new ArrayList<>();
            List<AlertmanagerSet> targets;
            synchronized (this) {
                while (queue.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH_SIZE) {
                    batch.add(queue.pollFirst());
                }
                metrics.queueLength(queue.size());
                targets = new ArrayList<>(sets.values());
            }
            // A batch an Alertmanager did not take is lost for it (counted as dropped there), as in Prometheus.
            for (AlertmanagerSet set : targets) {
                List<NotifierAlert> alerts = set.relabelAlerts(batch);
                if (!alerts.isEmpty()) {
                    sendAll(alerts, set.active());
                }
            }
        }
    }

    /** POSTs a batch to every Alertmanager; returns whether at least one accepted it. */
    boolean sendAll(List<NotifierAlert> batch, List<AlertmanagerTarget> targets) {
        if (targets.isEmpty()) {
            return false;
        }
        byte[] body = AlertJson.encode(batch);
        boolean any = false;
        for (AlertmanagerTarget t : targets) {
            String am = t.url().toString();
            long start = System.nanoTime();
            try {
                sender(t.http()).post(t.url(), body, t.timeoutMs());
                metrics.sent(am, batch.size(), (System.nanoTime() - start) / 1e9);
                any = true;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                metrics.failed(am, batch.size());
                LOG.error("msg=\"error sending alerts\" alertmanager={} count={} err=\"{}\"", am, batch.size(),
                        e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return any;
    }

    private synchronized HttpSender sender(HttpClientConfig http) {
        return senders.computeIfAbsent(http, HttpSender::new);
    }
}
