package io.ignis.storage;

import io.ignis.labels.Labels;
import java.util.List;

/**
 * Makes one chunk series of the same series held by several chunk queriers, as Prometheus's
 * {@code VerticalChunkSeriesMergeFunc}. The TSDB supplies one that re-encodes overlapping chunks; without one,
 * {@link MergeChunkQuerier} concatenates the parts' chunks.
 */
@FunctionalInterface
public interface ChunkSeriesMerger {
    /**
     * @param parts the series in the order of the queriers that hold them (at least two); on equal timestamps the
     *              first part's sample wins, as in {@link MergeQuerier}
     */
    ChunkSeries merge(Labels labels, List<ChunkSeries> parts);
}
