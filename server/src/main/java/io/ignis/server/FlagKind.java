package io.ignis.server;

/** How a flag's value is written and checked. */
enum FlagKind {
    STRING,
    /** Takes no value; {@code --no-<name>} sets it false; {@code --name=true|false} is also accepted. */
    BOOL,
    /** Prometheus duration syntax, see {@link io.ignis.config.Durations}. */
    DURATION,
    INT,
    /** Bytes with a required power-of-two unit: {@code 512MB}. */
    SIZE,
    /** Repeatable; each occurrence may hold several comma-separated items. */
    LIST,
    /** One of a fixed set of words. */
    CHOICE
}
