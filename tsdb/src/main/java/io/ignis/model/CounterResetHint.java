package io.ignis.model;

/** What a native histogram sample says about counter resets, as in Prometheus's model. */
public enum CounterResetHint {
    UNKNOWN,
    COUNTER_RESET,
    NOT_COUNTER_RESET,
    GAUGE
}
