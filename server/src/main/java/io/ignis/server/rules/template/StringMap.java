package io.ignis.server.rules.template;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Go {@code map[string]string} (label sets): a missing key reads as the empty string, where a missing key of a
 * {@code map[string]interface{}} reads as no value. Immutable, keys sorted.
 */
public final class StringMap extends AbstractMap<String, String> {
    private final Map<String, String> entries;

    public StringMap(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public String get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }
}
