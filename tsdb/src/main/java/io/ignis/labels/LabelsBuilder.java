package io.ignis.labels;

import java.util.Arrays;

/**
 * Mutable builder of {@link Labels}: set, delete, then build a sorted immutable copy.
 * Setting an empty value deletes the label, as in Prometheus. Not thread-safe; reuse with {@link #reset}.
 */
public final class LabelsBuilder {
    private String[] pairs = new String[16];
    private int size; // number of pairs

    public LabelsBuilder() {
    }

    public LabelsBuilder(Labels base) {
        reset(base);
    }

    /** Replaces the content with {@code base}. */
    public LabelsBuilder reset(Labels base) {
        size = 0;
        for (int i = 0; i < base.size(); i++) {
            append(base.name(i), base.value(i));
        }
        return this;
    }

    public LabelsBuilder set(String name, String value) {
        int i = find(name);
        if (value == null || value.isEmpty()) {
            if (i >= 0) {
                remove(i);
            }
            return this;
        }
        if (i >= 0) {
            pairs[2 * i + 1] = value;
        } else {
            append(name, value);
        }
        return this;
    }

    public LabelsBuilder del(String name) {
        int i = find(name);
        if (i >= 0) {
            remove(i);
        }
        return this;
    }

    /** The current value of {@code name}, or the empty string. */
    public String get(String name) {
        int i = find(name);
        return i < 0 ? "" : pairs[2 * i + 1];
    }

    /** Keeps only the named labels. */
    public LabelsBuilder keep(java.util.Collection<String> names) {
        for (int i = size - 1; i >= 0; i--) {
            if (!names.contains(pairs[2 * i])) {
                remove(i);
            }
        }
        return this;
    }

    public Labels build() {
        String[] out = Arrays.copyOf(pairs, 2 * size);
        sortPairs(out);
        return Labels.wrapSorted(out);
    }

    private void append(String name, String value) {
        if (2 * size + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * size] = name;
        pairs[2 * size + 1] = value;
        size++;
    }

    private int find(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int i) {
        System.arraycopy(pairs, 2 * i + 2, pairs, 2 * i, 2 * (size - i - 1));
        size--;
        pairs[2 * size] = null;
        pairs[2 * size + 1] = null;
    }

    /** Insertion sort by name: label sets are small, and this allocates nothing. */
    private static void sortPairs(String[] a) {
        for (int i = 2; i < a.length; i += 2) {
            String n = a[i];
            String v = a[i + 1];
            int j = i - 2;
            while (j >= 0 && a[j].compareTo(n) > 0) {
                a[j + 2] = a[j];
                a[j + 3] = a[j + 1];
                j -= 2;
            }
            a[j + 2] = n;
            a[j + 3] = v;
        }
    }
}
