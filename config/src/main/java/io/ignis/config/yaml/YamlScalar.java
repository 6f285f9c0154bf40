package io.ignis.config.yaml;

import java.util.Objects;

/**
 * A scalar with its source text. The kind is what the YAML resolver saw: a quoted {@code "10"} is a string, a plain
 * {@code 10} an int, a plain {@code ~} or empty value a null.
 */
public record YamlScalar(String text, Kind kind, Mark mark) implements YamlNode {
    /** The resolved type of a scalar. */
    public enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    public YamlScalar {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mark, "mark");
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String tag() {
        return switch (kind) {
            case STRING -> "!!str";
            case INT -> "!!int";
            case FLOAT -> "!!float";
            case BOOL -> "!!bool";
            case NULL -> "!!null";
        };
    }
}
