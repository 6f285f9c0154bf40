package io.ignis.config.yaml;

import java.util.List;

/** A mapping in document order; keys are unique (the reader rejects duplicates). */
public record YamlMapping(List<Entry> entries, Mark mark) implements YamlNode {
    /** One key with its position and value. */
    public record Entry(String key, Mark keyMark, YamlNode value) {
    }

    public YamlMapping {
        entries = List.copyOf(entries);
    }

    /** The entry for {@code key}, or null. */
    public Entry entry(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String tag() {
        return "!!map";
    }
}
