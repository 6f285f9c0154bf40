package io.ignis.promql.value;

import java.util.Objects;

/** A string result (only string literals produce one), at evaluation time {@code t} (ms). */
public record StringValue(long t, String v) implements Value {
    public StringValue {
        Objects.requireNonNull(v, "v");
    }
}
