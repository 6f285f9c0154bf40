package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;

/** Applies a Kubernetes field selector string ({@code a=b,c!=d}) through fabric8's field filters. */
final class FieldSelectors {
    private FieldSelectors() {
    }

    static <T, L, R> FilterWatchListDeletable<T, L, R> apply(FilterWatchListDeletable<T, L, R> f, String selector) {
        FilterWatchListDeletable<T, L, R> out = f;
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            int ne = t.indexOf("!=");
            if (ne > 0) {
                out = out.withoutField(t.substring(0, ne).trim(), t.substring(ne + 2).trim());
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid field selector \"" + selector + "\": term \"" + t + "\"");
            }
            int valueStart = t.startsWith("==", eq) ? eq + 2 : eq + 1;
            out = out.withField(t.substring(0, eq).trim(), t.substring(valueStart).trim());
        }
        return out;
    }
}
