package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.tsdb.index.IndexReader;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Label names and values of a block, filtered by matchers as Prometheus's {@code labelValuesWithMatchers} and
 * {@code labelNamesWithMatchers}: the whole block is considered, not only the querier's time range. Results
 * are sorted in Java string order like every other querier's (the index keeps Go's byte order, which differs
 * only for characters above U+FFFF), so merging queriers stays correct.
 */
final class BlockLabelQueries {
    private BlockLabelQueries() {
    }

    static List<String> labelValues(IndexReader ix, String name, Matcher... ms) {
        List<String> values = new ArrayList<>(ix.labelValues(name));
        boolean otherLabels = false;
        for (Matcher m : ms) {
            if (!m.name().equals(name)) {
                otherLabels = true;
                continue;
            }
            values.removeIf(v -> !m.matches(v));
        }
        if (values.isEmpty() || !otherLabels) {
            values.sort(null);
            return values;
        }
        long[] selected = Postings.toArray(PostingsForMatchers.select(ix, ms));
        List<String> out = new ArrayList<>();
        for (String v : values) {
            Postings p = ix.postings(name, v);
            if (intersects(p, selected)) {
                out.add(v);
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean intersects(Postings p, long[] sorted) {
        int i = 0;
        while (i < sorted.length && p.seek(sorted[i])) {
            long at = p.at();
            if (at == sorted[i]) {
                return true;
            }
            int j = Arrays.binarySearch(sorted, i, sorted.length, at);
            if (j >= 0) {
                return true;
            }
            i = -j - 1;
        }
        return false;
    }

    static List<String> labelNames(IndexReader ix, Matcher... ms) {
        if (ms.length == 0) {
            List<String> names = ix.labelNames();
            names.sort(null);
            return names;
        }
        return ix.labelNamesFor(PostingsForMatchers.select(ix, ms));
    }
}
