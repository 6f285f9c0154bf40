package io.ignis.config.yaml;

/** A position in a YAML document; line and column both start at 1. */
public record Mark(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
