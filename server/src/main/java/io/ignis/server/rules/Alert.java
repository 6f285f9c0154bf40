package io.ignis.server.rules;

import io.ignis.labels.Labels;

/**
 * One alert of an alerting rule: identifying labels, expanded annotations, the last value and its state
 * timestamps (ms since the epoch; 0 means "not set", Go's zero time). Mutated only by its rule under the rule's
 * lock; {@link #copy()} gives the notifier and the API a stable snapshot.
 */
public final class Alert {
    Labels labels;
    Labels annotations;
    double value;
    AlertState state;
    long activeAt;
    long firedAt;
    long resolvedAt;
    long lastSentAt;
    long validUntil;
    long keepFiringSince;

    Alert(Labels labels, Labels annotations, double value, long activeAt) {
        this.labels = labels;
        this.annotations = annotations;
        this.value = value;
        this.activeAt = activeAt;
        this.state = AlertState.PENDING;
    }

    public Alert copy() {
        Alert a = new Alert(labels, annotations, value, activeAt);
        a.state = state;
        a.firedAt = firedAt;
        a.resolvedAt = resolvedAt;
        a.lastSentAt = lastSentAt;
        a.validUntil = validUntil;
        a.keepFiringSince = keepFiringSince;
        return a;
    }

    /** Prometheus's {@code needsSending}: never while pending; at once when resolved since the last send. */
    boolean needsSending(long ts, long resendDelayMs) {
        if (state == AlertState.PENDING) {
            return false;
        }
        if (resolvedAt > lastSentAt) {
            return true;
        }
        return lastSentAt + resendDelayMs < ts;
    }

    public Labels labels() {
        return labels;
    }

    public Labels annotations() {
        return annotations;
    }

    public double value() {
        return value;
    }

    public AlertState state() {
        return state;
    }

    public long activeAt() {
        return activeAt;
    }

    public long firedAt() {
        return firedAt;
    }

    public long resolvedAt() {
        return resolvedAt;
    }

    public long lastSentAt() {
        return lastSentAt;
    }

    public long validUntil() {
        return validUntil;
    }

    public long keepFiringSince() {
        return keepFiringSince;
    }
}
