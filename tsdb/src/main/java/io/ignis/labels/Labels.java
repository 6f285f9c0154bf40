package io.ignis.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable set of labels sorted by name, with unique names and no empty values.
 * Stored as one packed array {@code [name0, value0, name1, value1, …]} so a series costs one small
 * object plus its (interned) strings. Equality and ordering compare pair by pair, as Prometheus does.
 */
public final class Labels implements Comparable<Labels> {
    /** The metric name label. */
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    private final String[] pairs;
    private int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    /**
     * Takes ownership of {@code pairs}: name/value alternating, already sorted by name, names unique,
     * values non-empty. Callers outside this package use {@link #of} or {@link LabelsBuilder}.
     */
    static Labels wrapSorted(String[] pairs) {
        return pairs.length == 0 ? EMPTY : new Labels(pairs);
    }

    /** Builds labels from alternating names and values in any order; empty values are dropped. */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label strings: " + nameValues.length);
        }
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.set(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    /** Builds labels from a map; empty values are dropped. */
    public static Labels fromMap(Map<String, String> m) {
        LabelsBuilder b = new LabelsBuilder();
        m.forEach(b::set);
        return b.build();
    }

    /**
     * These labels with every name and value replaced by its {@link String#intern canonical instance}, so
     * the many series sharing a name or value share one string (the JVM drops unused ones on its own). These
     * labels themselves when their strings are canonical already: the scrape cache interns the labels it keeps, so
     * the head's series then shares that one array instead of holding a second (#5 memory profile).
     */
    public Labels interned() {
        int i = 0;
        while (i < pairs.length && pairs[i].intern() == pairs[i]) {
            i++;
        }
        if (i == pairs.length) {
            return this;
        }
        String[] p = pairs.clone();
        for (; i < p.length; i++) {
            p[i] = p[i].intern();
        }
        Labels l = wrapSorted(p);
        if (l != EMPTY) {
            l.hash = hash;
        }
        return l;
    }

    public int size() {
        return pairs.length >> 1;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[i << 1];
    }

    public String value(int i) {
        return pairs[(i << 1) + 1];
    }

    /** The value of {@code name}, or the empty string when absent (Prometheus's convention). */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : pairs[(i << 1) + 1];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The metric name, or the empty string. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    private int indexOf(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[mid << 1].compareTo(name);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /** A builder seeded with these labels. */
    public LabelsBuilder toBuilder() {
        return new LabelsBuilder(this);
    }

    /** Labels without the metric name, or this when there is none. */
    public Labels withoutMetricName() {
        return has(METRIC_NAME) ? toBuilder().del(METRIC_NAME).build() : this;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        forEach(m::put);
        return m;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(pairs[i]);
        }
        return out;
    }

    /** Copies the packed pairs, for encoders that want an array. */
    public String[] toPairs() {
        return pairs.clone();
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Labels other && hashCode() == other.hashCode() && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** Prometheus's rendering: {@code {a="1", b="2"}} with Go-style quoting of values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(16 * size()).append('{');
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[i]).append('=');
            quote(sb, pairs[i + 1]);
        }
        return sb.append('}').toString();
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    /** Equality of two label sets ignoring nothing; a static helper for null-safe comparisons. */
    public static boolean equal(Labels a, Labels b) {
        return Objects.equals(a, b);
    }
}
