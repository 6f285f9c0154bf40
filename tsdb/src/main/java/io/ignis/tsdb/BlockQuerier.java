package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.chunks.ChunkReader;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.tombstones.Intervals;
import java.util.List;

/**
 * Samples of one block over {@code [mint, maxt]}. Series come in label order whether or not sorting is asked
 * for (a block's index is sorted), trimmed to the range (or to the hints' range, as Prometheus does) with
 * tombstones applied.
 */
final class BlockQuerier extends BlockBaseQuerier implements Querier {
    BlockQuerier(Block block, long mint, long maxt) {
        super(block, mint, maxt);
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        long from = hints != null ? hints.start() : mint;
        long to = hints != null ? hints.end() : maxt;
        BlockSeriesCursor cursor = cursor(from, to, matchers);
        ChunkReader chunks = block.chunks();
        return new SeriesSet() {
            private Series cur;

            @Override
            public boolean next() {
                if (!cursor.next()) {
                    cur = null;
                    return false;
                }
                cur = new BlockSeries(cursor.labels(), cursor.chunks(), cursor.deleted(), chunks);
                return true;
            }

            @Override
            public Series at() {
                return cur;
            }

            @Override
            public Annotations warnings() {
                return Annotations.EMPTY;
            }
        };
    }

    private record BlockSeries(Labels labels, List<ChunkMeta> chunks, Intervals deleted, ChunkReader reader)
            implements Series {
        @Override
        public SampleIterator iterator(SampleIterator reuse) {
            BlockSeriesIterator it = reuse instanceof BlockSeriesIterator b ? b : new BlockSeriesIterator();
            return it.reset(reader, chunks, deleted);
        }
    }
}
