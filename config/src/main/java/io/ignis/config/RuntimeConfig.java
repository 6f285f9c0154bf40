package io.ignis.config;

/** The {@code runtime} block. {@code gogc} tunes Go's collector in Prometheus; kept for compatibility only. */
public record RuntimeConfig(int gogc) {
    public static final RuntimeConfig DEFAULT = new RuntimeConfig(75);
}
