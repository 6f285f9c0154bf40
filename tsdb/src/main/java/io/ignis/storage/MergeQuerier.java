package io.ignis.storage;

import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A querier over several others (head and blocks, local and remote), as Prometheus's {@code
 * storage.NewMergeQuerier}: series with identical labels are merged into one whose samples are the union by
 * timestamp; where several queriers hold a sample at the same timestamp, the first querier's wins. Closing
 * it closes every querier it was given.
 */
public final class MergeQuerier implements Querier {
    private final List<Querier> queriers;

    public MergeQuerier(List<? extends Querier> queriers) {
        this.queriers = List.copyOf(queriers);
    }

    /** Always sorted: merging needs sorted inputs, and then the output is sorted too. */
    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        if (queriers.size() == 1) {
            return queriers.get(0).select(sorted, hints, matchers);
        }
        List<SeriesSet> sets = new ArrayList<>(queriers.size());
        for (Querier q : queriers) {
            sets.add(q.select(true, hints, matchers));
        }
        return new MergeSeriesSet(sets);
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        return MergeLabelQueries.labelValues(queriers, name, matchers);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        return MergeLabelQueries.labelNames(queriers, matchers);
    }

    @Override
    public void close() {
        MergeLabelQueries.closeAll(queriers);
    }
}
