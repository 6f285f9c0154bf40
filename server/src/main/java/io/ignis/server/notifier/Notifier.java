package io.ignis.server.notifier;

import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.AlertingConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.StaticConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.server.rules.Alert;
import io.ignis.server.rules.NotifyFunc;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's notifier: {@link #send} adds external labels and queues alerts (dropping the oldest past the
 * capacity, {@code --alertmanager.notification-queue-capacity}); a sender thread takes batches of up to
 * {@value #MAX_BATCH_SIZE} and POSTs each to every Alertmanager of every {@code alertmanagers} entry. Thread-safe.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Prometheus's {@code maxBatchSize}. */
    public static final int MAX_BATCH_SIZE = 256;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private final int queueCapacity;
    private final NotifierMetrics metrics;
    private final ArrayDeque<NotifierAlert> queue = new ArrayDeque<>();
    private final Map<String, List<AlertmanagerTarget>> sets = new LinkedHashMap<>();
    private final Map<HttpClientConfig, HttpSender> senders = new HashMap<>();
    private volatile Map<String, String> externalLabels = Map.of();
    private volatile UnaryOperator<Labels> alertRelabel = UnaryOperator.identity();
    private Thread thread;
    private boolean stopped;

    public Notifier(int queueCapacity, NotifierMetrics metrics) {
        this.queueCapacity = queueCapacity;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.queueCapacity(queueCapacity);
    }

    /**
     * Applies the {@code alerting} block: each {@code alertmanagers} entry's static targets become a set (entries
     * are named {@code config-<i>} as Prometheus names them). Discovered targets arrive through
     * {@link #setAlertmanagers}.
     */
    public void applyConfig(AlertingConfig alerting, Map<String, String> externalLabels) {
        this.externalLabels = Map.copyOf(externalLabels);
        List<AlertmanagerConfig> ams = alerting.alertmanagers();
        Map<String, List<AlertmanagerTarget>> next = new LinkedHashMap<>();
        for (int i = 0; i < ams.size(); i++) {
            AlertmanagerConfig c = ams.get(i);
            List<AlertmanagerTarget> targets = new ArrayList<>();
            for (StaticConfig sc : c.serviceDiscoveryConfigs().staticConfigs()) {
                for (String address : sc.targets()) {
                    targets.add(target(c, address));
                }
            }
            next.put("config-" + i, List.copyOf(targets));
        }
        // All sets at once, so an Alertmanager kept across the reload keeps its metric series.
        synchronized (this) {
            sets.clear();
            sets.putAll(next);
            alertmanagersChanged();
        }
    }

    /**
     * Sets the {@code alert_relabel_configs} as a function (the server binds the relabel engine): it returns the
     * relabeled labels, or null or empty labels to drop the alert. Applied after the external labels.
     */
    public void setAlertRelabel(UnaryOperator<Labels> relabel) {
        alertRelabel = Objects.requireNonNull(relabel, "relabel");
    }

    /**
     * Prometheus's {@code AlertmanagerFromGroup}: each discovered target's labels, with {@code __scheme__} and
     * {@code __alerts_path__} preset from the entry and the group's labels under them, go through the entry's
     * {@code relabel_configs} ({@code relabel} returns null to drop); the result's {@code __scheme__},
     * {@code __address__} and {@code __alerts_path__} make the URL.
     */
    public void setDiscoveredAlertmanagers(String set, AlertmanagerConfig c, List<Map<String, String>> targets,
            Map<String, String> groupLabels, UnaryOperator<Labels> relabel) {
        String prefix = c.pathPrefix() == null ? "" : c.pathPrefix();
        String path = ("/" + prefix + "/api/v2/alerts").replaceAll("/+", "/");
        List<AlertmanagerTarget> out = new ArrayList<>();
        for (Map<String, String> t : targets) {
            LabelsBuilder lb = new LabelsBuilder();
            t.forEach(lb::set);
            lb.set("__scheme__", c.scheme());
            lb.set("__alerts_path__", path);
            groupLabels.forEach((k, v) -> {
                if (!t.containsKey(k)) {
                    lb.set(k, v);
                }
            });
            Labels l = relabel.apply(lb.build());
            if (l == null || l.isEmpty() || l.get("__address__").isEmpty()) {
                continue;
            }
            URI url = URI.create(l.get("__scheme__") + "://" + l.get("__address__") + l.get("__alerts_path__"));
            long timeout = c.timeout() == null ? AlertmanagerConfig.DEFAULT_TIMEOUT.toMillis() : c.timeout().toMillis();
            out.add(new AlertmanagerTarget(url, timeout, c.httpClientConfig() == null ? HttpClientConfig.DEFAULT
                    : c.httpClientConfig()));
        }
        setAlertmanagers(set, out);
    }

    /** The target for an {@code __address__} under an {@code alertmanagers} entry: scheme, path prefix, v2 path. */
    public static AlertmanagerTarget target(AlertmanagerConfig c, String address) {
        String prefix = c.pathPrefix() == null ? "" : c.pathPrefix();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        URI url = URI.create(c.scheme() + "://" + address + prefix + "/api/v2/alerts");
        long timeout = c.timeout() == null ? AlertmanagerConfig.DEFAULT_TIMEOUT.toMillis() : c.timeout().toMillis();
        return new AlertmanagerTarget(url, timeout, c.httpClientConfig() == null ? HttpClientConfig.DEFAULT
                : c.httpClientConfig());
    }

    /** Replaces the Alertmanagers of one set (one {@code alertmanagers} entry). */
    public synchronized void setAlertmanagers(String set, List<AlertmanagerTarget> targets) {
        sets.put(set, List.copyOf(targets));
        alertmanagersChanged();
    }

    private void alertmanagersChanged() {
        List<String> urls = new ArrayList<>();
        for (AlertmanagerTarget t : alertmanagers()) {
            urls.add(t.url().toString());
        }
        metrics.alertmanagers(urls);
    }

    /** Every Alertmanager currently sent to, for {@code /api/v1/alertmanagers}. */
    public synchronized List<AlertmanagerTarget> alertmanagers() {
        List<AlertmanagerTarget> out = new ArrayList<>();
        sets.values().forEach(out::addAll);
        return out;
    }

    /** Queues alerts after adding the external labels they lack. */
    public void send(List<NotifierAlert> alerts) {
        Map<String, String> ext = externalLabels;
        UnaryOperator<Labels> relabel = alertRelabel;
        synchronized (this) {
            for (NotifierAlert a : alerts) {
                Labels l = relabel.apply(ext.isEmpty() ? a.labels() : withExternal(a.labels(), ext));
                if (l != null && !l.isEmpty()) {
                    queue.addLast(a.withLabels(l));
                }
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

    private static Labels withExternal(Labels l, Map<String, String> ext) {
        LabelsBuilder lb = new LabelsBuilder(l);
        ext.forEach((k, v) -> {
            if (!l.has(k)) {
                lb.set(k, v);
            }
        });
        return lb.build();
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
            List<AlertmanagerTarget> targets;
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
                targets = alertmanagers();
            }
            // A batch an Alertmanager did not take is lost for it (counted as dropped there), as in Prometheus.
            sendAll(batch, targets);
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
