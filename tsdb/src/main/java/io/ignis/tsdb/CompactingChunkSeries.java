package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkSeries;
import io.ignis.storage.EncodedChunk;
import io.ignis.tsdb.chunkenc.Chunks;
import java.util.ArrayList;
import java.util.List;

/**
 * One series held by several chunk queriers, its chunks merged by {@link CompactingMerger} when iterated: what
 * Prometheus's {@code DB.ChunkQuerier} gets from its compacting chunk series merger. Chunks that overlap across
 * the parts are re-encoded (the first part wins equal timestamps, as the sample merge does); the others are
 * handed out as the parts gave them.
 */
record CompactingChunkSeries(Labels labels, List<ChunkSeries> parts) implements ChunkSeries {
    @Override
    public ChunkIterator iterator(ChunkIterator reuse) {
        List<List<TimedChunk>> sources = new ArrayList<>(parts.size());
        // CompactingMerger lets later sources win ties: hand it the parts last to first.
        for (int i = parts.size() - 1; i >= 0; i--) {
            List<TimedChunk> chunks = new ArrayList<>();
            ChunkIterator it = parts.get(i).iterator(null);
            while (it.next()) {
                chunks.add(new TimedChunk(Chunks.of(it.chunk()), it.minTime(), it.maxTime()));
            }
            if (!chunks.isEmpty()) {
                sources.add(chunks);
            }
        }
        List<TimedChunk> merged = sources.isEmpty() ? List.of() : CompactingMerger.merge(sources);
        return new ListIterator(merged);
    }

    private static final class ListIterator implements ChunkIterator {
        private final List<TimedChunk> chunks;
        private int i = -1;

        ListIterator(List<TimedChunk> chunks) {
            this.chunks = chunks;
        }

        @Override
        public boolean next() {
            return ++i < chunks.size();
        }

        @Override
        public long minTime() {
            return chunks.get(i).minTime();
        }

        @Override
        public long maxTime() {
            return chunks.get(i).maxTime();
        }

        @Override
        public EncodedChunk chunk() {
            return chunks.get(i).chunk();
        }
    }
}
