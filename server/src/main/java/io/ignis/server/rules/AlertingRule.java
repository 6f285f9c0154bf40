package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.promql.value.Vector;
import io.ignis.server.rules.template.AlertTemplateData;
import io.ignis.server.rules.template.Expander;
import io.ignis.server.rules.template.QueryFunc;
import io.ignis.server.rules.template.TemplateException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alerting rule, as Prometheus's {@code AlertingRule}: each result element becomes an alert, pending until it
 * has been active for {@code for}, then firing; an alert that disappears resolves (or keeps firing for
 * {@code keep_firing_for}) and is kept 15 minutes after resolving so that Alertmanager learns it. Writes the
 * {@code ALERTS} and {@code ALERTS_FOR_STATE} series once its {@code for} state has been restored.
 */
public final class AlertingRule extends Rule {
    static final String ALERTS = "ALERTS";
    static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
    static final String ALERT_NAME = "alertname";
    static final String ALERT_STATE = "alertstate";
    /** Prometheus's {@code resolvedRetention}. */
    static final long RESOLVED_RETENTION_MS = 15 * 60_000;

    private final long holdDurationMs;
    private final long keepFiringForMs;
    private final Map<String, String> annotations;
    private final Map<String, String> externalLabels;
    private final String externalURL;
    private final URI externalURI;
    private final Map<Labels, Alert> active = new LinkedHashMap<>();
    private volatile boolean restored;

    AlertingRule(String name, String query, long holdDurationMs, long keepFiringForMs, Labels labels,
            Map<String, String> annotations, Map<String, String> externalLabels, String externalURL,
            boolean restored) {
        super(name, query, labels);
        this.holdDurationMs = holdDurationMs;
        this.keepFiringForMs = keepFiringForMs;
        this.annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalURL = externalURL;
        this.externalURI = URI.create(externalURL);
        this.restored = restored;
    }

    public long holdDurationMs() {
        return holdDurationMs;
    }

    public long keepFiringForMs() {
        return keepFiringForMs;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public boolean isRestored() {
        return restored;
    }

    void setRestored(boolean r) {
        restored = r;
    }

    @Override
    Vector eval(long ts, long queryOffsetMs, RuleQuery query, long limit) {
        Vector res = query.query(query(), ts - queryOffsetMs);
        List<String> templateErrors = new ArrayList<>();
        Expander expander = new Expander((q, t) -> elements(query.query(q, t)), externalURI);
        Map<Labels, Alert> alerts = new LinkedHashMap<>();
        LabelsBuilder lb = new LabelsBuilder();
        for (int i = 0; i < res.size(); i++) {
            Labels metric = res.labels(i);
            double value = res.isHistogram(i) ? 0 : res.v(i);
            AlertTemplateData data = AlertTemplateData.of(metric.toMap(), externalLabels, externalURL, value);
            lb.reset(metric);
            lb.del(Labels.METRIC_NAME);
            Labels ruleLabels = labels();
            for (int j = 0; j < ruleLabels.size(); j++) {
                lb.set(ruleLabels.name(j), expand(expander, ruleLabels.value(j), data, ts, templateErrors));
            }
            lb.set(ALERT_NAME, name());
            LabelsBuilder ab = new LabelsBuilder();
            for (Map.Entry<String, String> a : annotations.entrySet()) {
                ab.set(a.getKey(), expand(expander, a.getValue(), data, ts, templateErrors));
            }
            Labels lbs = lb.build();
            if (alerts.containsKey(lbs)) {
                throw new IllegalStateException("vector contains metrics with the same labelset after applying alert "
                        + "labels");
            }
            alerts.put(lbs, new Alert(lbs, ab.build(), value, ts));
        }
        Vector out;
        synchronized (this) {
            out = update(ts, queryOffsetMs, limit, alerts);
        }
        if (!templateErrors.isEmpty()) {
            throw new TemplateFailure(templateErrors.get(0), out);
        }
        return out;
    }

    /** A template failed: the rule's samples are still written, and its last error names the template. */
    static final class TemplateFailure extends RuntimeException {
        final transient Vector samples;

        TemplateFailure(String message, Vector samples) {
            super(message, null, false, false);
            this.samples = samples;
        }
    }

    private String expand(Expander expander, String text, AlertTemplateData data, long ts, List<String> errors) {
        try {
            return expander.expandAlert(name(), text, data, ts);
        } catch (TemplateException e) {
            errors.add(e.getMessage());
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }

    private static List<QueryFunc.Element> elements(Vector v) {
        List<QueryFunc.Element> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(new QueryFunc.Element(v.labels(i), v.isHistogram(i) ? v.histogram(i) : (Object) v.v(i)));
        }
        return out;
    }

    private Vector update(long ts, long queryOffsetMs, long limit, Map<Labels, Alert> alerts) {
        for (Map.Entry<Labels, Alert> e : alerts.entrySet()) {
            Alert existing = active.get(e.getKey());
            if (existing != null && existing.state != AlertState.INACTIVE) {
                existing.value = e.getValue().value;
                existing.annotations = e.getValue().annotations;
                continue;
            }
            active.put(e.getKey(), e.getValue());
        }
        Vector vec = new Vector(active.size() * 2);
        int numActivePending = 0;
        var it = active.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Alert a = e.getValue();
            if (!alerts.containsKey(e.getKey())) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && keepFiringForMs > 0) {
                    if (a.keepFiringSince == 0) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < keepFiringForMs;
                }
                if (a.state == AlertState.PENDING || a.resolvedAt != 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MS) {
                    it.remove();
                }
                if (a.state != AlertState.INACTIVE && !keepFiring) {
                    a.state = AlertState.INACTIVE;
                    a.resolvedAt = ts;
                }
                if (!keepFiring) {
                    continue;
                }
            } else {
                a.keepFiringSince = 0;
            }
            numActivePending++;
            if (a.state == AlertState.PENDING && ts - a.activeAt >= holdDurationMs) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            if (a.state == AlertState.FIRING && ts - a.activeAt < holdDurationMs) {
                a.state = AlertState.PENDING;
                a.firedAt = 0;
                a.lastSentAt = 0;
                a.keepFiringSince = 0;
            }
            if (restored) {
                long t = ts - queryOffsetMs;
                vec.add(alertsLabels(a), t, 1, false);
                vec.add(forStateLabels(a.labels), t, Math.floorDiv(a.activeAt, 1000), false);
            }
        }
        if (limit > 0 && numActivePending > limit) {
            active.clear();
            throw new IllegalStateException("exceeded limit of " + limit + " with " + numActivePending + " alerts");
        }
        return vec;
    }

    private Labels alertsLabels(Alert a) {
        LabelsBuilder lb = new LabelsBuilder(labels());
        a.labels.forEach(lb::set);
        lb.set(Labels.METRIC_NAME, ALERTS);
        lb.set(ALERT_NAME, name());
        lb.set(ALERT_STATE, a.state.apiName());
        return lb.build();
    }

    Labels forStateLabels(Labels alertLabels) {
        LabelsBuilder lb = new LabelsBuilder(labels());
        alertLabels.forEach(lb::set);
        lb.set(Labels.METRIC_NAME, ALERTS_FOR_STATE);
        lb.set(ALERT_NAME, name());
        return lb.build();
    }

    /** Copies of the active alerts (pending, firing, and resolved ones still retained). */
    public synchronized List<Alert> activeAlerts() {
        List<Alert> out = new ArrayList<>(active.size());
        for (Alert a : active.values()) {
            out.add(a.copy());
        }
        return out;
    }

    /** The rule's overall state for the API: firing if any alert fires, else pending if any is pending. */
    public synchronized AlertState state() {
        AlertState max = AlertState.INACTIVE;
        for (Alert a : active.values()) {
            if (a.state.ordinal() > max.ordinal()) {
                max = a.state;
            }
        }
        return max;
    }

    synchronized void sendAlerts(long ts, long resendDelayMs, long intervalMs, NotifyFunc notify) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.needsSending(ts, resendDelayMs)) {
                a.lastSentAt = ts;
                a.validUntil = ts + 4 * Math.max(intervalMs, resendDelayMs);
                out.add(a.copy());
            }
        }
        notify.send(query(), out);
    }

    synchronized void copyActiveFrom(AlertingRule from) {
        synchronized (from) {
            active.putAll(from.active);
        }
    }

    /** Runs {@code action} on each live alert under the rule's lock (for-state restore). */
    synchronized void forEachActive(java.util.function.Consumer<Alert> action) {
        for (Alert a : active.values()) {
            action.accept(a);
        }
    }

    synchronized int activeCount() {
        return active.size();
    }
}
