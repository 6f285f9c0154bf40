package io.ignis.server.metrics;

/** Prometheus's readiness states; {@code prometheus_ready} is 1 only in {@link #READY}. */
public enum ReadyState {
    NOT_READY,
    READY,
    STOPPING
}
