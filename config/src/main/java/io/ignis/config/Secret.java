package io.ignis.config;

import java.util.Objects;

/** A value that must never be shown: {@link #toString()} and the printed config both say {@code <secret>}. */
public record Secret(String value) {
    public static final String REDACTED = "<secret>";

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
