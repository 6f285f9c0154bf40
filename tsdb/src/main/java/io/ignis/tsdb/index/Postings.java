package io.ignis.tsdb.index;

import java.util.Arrays;
import java.util.List;

/**
 * A cursor over strictly increasing series references (block series IDs or head series refs), as
 * Prometheus's {@code index.Postings}. Call {@link #next()} or {@link #seek(long)}, then {@link #at()}.
 * No call is valid after either returned false. Not thread-safe.
 */
public interface Postings {
    /** Advances to the next reference; false once exhausted. */
    boolean next();

    /**
     * Advances to the first reference {@code >= v}; stays put if the current one already is (also when
     * called before {@link #next()}, it starts from the beginning). Never moves backwards. False once
     * exhausted.
     */
    boolean seek(long v);

    /** The current reference. */
    long at();

    /** Postings with no references. */
    static Postings empty() {
        return EmptyPostings.INSTANCE;
    }

    /** The references present in every one of {@code its}; empty when the list is empty. */
    static Postings intersect(List<Postings> its) {
        if (its.isEmpty()) {
            return empty();
        }
        if (its.size() == 1) {
            return its.get(0);
        }
        for (Postings p : its) {
            if (p == EmptyPostings.INSTANCE) {
                return empty();
            }
        }
        return new IntersectPostings(its.toArray(new Postings[0]));
    }

    static Postings intersect(Postings... its) {
        return intersect(Arrays.asList(its));
    }

    /** The union of {@code its}, each reference once. */
    static Postings merge(List<Postings> its) {
        if (its.isEmpty()) {
            return empty();
        }
        if (its.size() == 1) {
            return its.get(0);
        }
        return new MergedPostings(its.toArray(new Postings[0]));
    }

    static Postings merge(Postings... its) {
        return merge(Arrays.asList(its));
    }

    /** The references of {@code full} that are not in {@code drop}. */
    static Postings without(Postings full, Postings drop) {
        if (full == EmptyPostings.INSTANCE) {
            return full;
        }
        if (drop == EmptyPostings.INSTANCE) {
            return full;
        }
        return new RemovedPostings(full, drop);
    }

    /** Drains {@code p} into a new array. */
    static long[] toArray(Postings p) {
        long[] out = new long[16];
        int n = 0;
        while (p.next()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.at();
        }
        return Arrays.copyOf(out, n);
    }
}
