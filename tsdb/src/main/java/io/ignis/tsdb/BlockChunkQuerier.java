package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Annotations;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeries;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.EncodedChunk;
import io.ignis.storage.SelectHints;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunks.ChunkReader;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.tombstones.Intervals;
import java.util.List;

/**
 * Encoded chunks of one block over {@code [mint, maxt]}, for compaction: a chunk untouched by tombstones and
 * inside the range is handed out as the mapped view; one partly deleted or cut by the range is re-encoded with
 * the samples that remain, as Prometheus's {@code populateWithDelChunkSeriesIterator}.
 */
final class BlockChunkQuerier extends BlockBaseQuerier implements ChunkQuerier {
    BlockChunkQuerier(Block block, long mint, long maxt) {
        super(block, mint, maxt);
    }

    @Override
    public ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        BlockSeriesCursor cursor = cursor(mint, maxt, matchers);
        ChunkReader reader = block.chunks();
        return new ChunkSeriesSet() {
            private ChunkSeries cur;

            @Override
            public boolean next() {
                if (!cursor.next()) {
                    cur = null;
                    return false;
                }
                cur = new BlockChunkSeries(cursor.labels(), cursor.chunks(), cursor.deleted(), reader);
                return true;
            }

            @Override
            public ChunkSeries at() {
                return cur;
            }

            @Override
            public Annotations warnings() {
                return Annotations.EMPTY;
            }
        };
    }

    private record BlockChunkSeries(Labels labels, List<ChunkMeta> chunks, Intervals deleted, ChunkReader reader)
            implements ChunkSeries {
        @Override
        public ChunkIterator iterator(ChunkIterator reuse) {
            return new DeletingChunkIterator(reader, chunks, deleted);
        }
    }

    /** Yields each chunk, re-encoding the ones that deleted intervals touch. */
    private static final class DeletingChunkIterator implements ChunkIterator {
        private final ChunkReader reader;
        private final List<ChunkMeta> chunks;
        private final Intervals deleted;
        private int i = -1;
        private Chunk cur;
        private long curMin;
        private long curMax;

        DeletingChunkIterator(ChunkReader reader, List<ChunkMeta> chunks, Intervals deleted) {
            this.reader = reader;
            this.chunks = chunks;
            this.deleted = deleted;
        }

        @Override
        public boolean next() {
            while (++i < chunks.size()) {
                ChunkMeta m = chunks.get(i);
                Chunk c = reader.chunk(m.ref());
                if (!deleted.overlaps(m.minTime(), m.maxTime())) {
                    cur = c;
                    curMin = m.minTime();
                    curMax = m.maxTime();
                    return true;
                }
                if (reencode(c)) {
                    return true;
                }
            }
            cur = null;
            return false;
        }

        private boolean reencode(Chunk c) {
            TimedChunk tc = TrimmedChunks.without(c, deleted);
            if (tc == null) {
                return false;
            }
            cur = tc.chunk();
            curMin = tc.minTime();
            curMax = tc.maxTime();
            return true;
        }

        @Override
        public long minTime() {
            return curMin;
        }

        @Override
        public long maxTime() {
            return curMax;
        }

        @Override
        public EncodedChunk chunk() {
            return cur;
        }
    }
}
