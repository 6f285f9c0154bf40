package io.ignis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies for record components: maps keep their order, which the printed config preserves. */
final class Copies {
    private Copies() {
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static <T> List<T> list(List<T> l) {
        return List.copyOf(l);
    }
}
