package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of {@link MergeQuerier} and {@link MergeChunkQuerier} that does not depend on what is selected:
 * label names and values as the sorted union over every querier, and closing them all.
 */
final class MergeLabelQueries {
    private MergeLabelQueries() {
    }

    static List<String> labelValues(List<? extends LabelQuerier> queriers, String name, Matcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (LabelQuerier q : queriers) {
            out.addAll(q.labelValues(name, matchers));
        }
        return new ArrayList<>(out);
    }

    static List<String> labelNames(List<? extends LabelQuerier> queriers, Matcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (LabelQuerier q : queriers) {
            out.addAll(q.labelNames(matchers));
        }
        return new ArrayList<>(out);
    }

    /** Closes every querier even when some throw; rethrows the first failure with the others suppressed. */
    static void closeAll(List<? extends LabelQuerier> queriers) {
        RuntimeException first = null;
        for (LabelQuerier q : queriers) {
            try {
                q.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
