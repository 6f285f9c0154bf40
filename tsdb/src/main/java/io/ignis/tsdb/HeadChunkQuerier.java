package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Annotations;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeries;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.EncodedChunk;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The head's chunks over {@code [mint, maxt]} as of the epoch taken at open, for writing a block from the
 * head. A chunk is handed out as stored when the reader sees all of it, it lies inside the range and no
 * deletion touches it; otherwise its visible, in-range, undeleted samples are re-encoded into a new chunk.
 * A series with out-of-order samples in the parts read has all its samples merged and re-encoded, so chunks
 * still come in time order without overlaps.
 */
final class HeadChunkQuerier implements ChunkQuerier {
    private final HeadQuerier labels;
    private final Head head;
    private final long mint;
    private final long maxt;
    private final int parts;
    private final long maxOooSeq;

    HeadChunkQuerier(Head head, long mint, long maxt) {
        this(head, mint, maxt, MemSeries.ALL, Long.MAX_VALUE);
    }

    /** Over the {@link MemSeries#snapshot} {@code parts} given, cut out-of-order chunks up to {@code maxOooSeq}. */
    HeadChunkQuerier(Head head, long mint, long maxt, int parts, long maxOooSeq) {
        this.head = head;
        this.mint = mint;
        this.maxt = maxt;
        this.parts = parts;
        this.maxOooSeq = maxOooSeq;
        this.labels = new HeadQuerier(head, mint, maxt);
    }

    @Override
    public ChunkSeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        List<ChunkSeries> out = new ArrayList<>();
        Postings p = PostingsForMatchers.select(head.postings, matchers);
        while (p.next()) {
            MemSeries s = head.series.getByRef(p.at());
            ChunkSnapshot snap = s == null ? null : s.snapshot(labels.epoch(), mint, maxt, parts, maxOooSeq);
            if (snap != null) {
                out.add(new HeadChunkSeries(s.labels, snap, mint, maxt));
            }
        }
        if (sorted) {
            out.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        return new ChunkSeriesSet() {
            private int i = -1;

            @Override
            public boolean next() {
                if (i < out.size()) {
                    i++;
                }
                return i < out.size();
            }

            @Override
            public ChunkSeries at() {
                return out.get(i);
            }

            @Override
            public Annotations warnings() {
                return Annotations.EMPTY;
            }
        };
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        return labels.labelValues(name, matchers);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        return labels.labelNames(matchers);
    }

    @Override
    public void close() {
        labels.close();
    }

    private record HeadChunkSeries(Labels labels, ChunkSnapshot snap, long mint, long maxt) implements ChunkSeries {
        @Override
        public ChunkIterator iterator(ChunkIterator reuse) {
            return new SnapshotChunks(snap, mint, maxt);
        }
    }

    /** Walks the chunks of a snapshot, trimming where needed. */
    private static final class SnapshotChunks implements ChunkIterator {
        private final ChunkSnapshot snap;
        private final long mint;
        private final long maxt;
        private int i = -1;
        private EncodedChunk chunk;
        private long chunkMin;
        private long chunkMax;
        private SampleIterator it;
        private HeadSeriesIterator merged;
        private boolean mergedDone;
        private SampleChunker mergedChunker;
        /** Chunks re-encoded ahead: a trimmed histogram chunk may come out as several. */
        private final ArrayDeque<TimedChunk> ready = new ArrayDeque<>();

        SnapshotChunks(ChunkSnapshot snap, long mint, long maxt) {
            this.snap = snap;
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public boolean next() {
            if (snap.oooN() > 0) {
                return nextMerged();
            }
            while (ready.isEmpty() && ++i < snap.size()) {
                Chunk stored = Chunks.view(ChunkEncoding.fromCode(snap.encodings()[i]), snap.chunks()[i]);
                if (stored.numSamples() == snap.visible()[i] && snap.mints()[i] >= mint
                        && snap.maxts()[i] <= maxt && !deleted(snap.mints()[i], snap.maxts()[i])) {
                    chunk = stored;
                    chunkMin = snap.mints()[i];
                    chunkMax = snap.maxts()[i];
                    return true;
                }
                trim(stored, snap.visible()[i]);
            }
            return take();
        }

        /** Hands out the next re-encoded chunk; false when there is none. */
        private boolean take() {
            TimedChunk c = ready.poll();
            if (c == null) {
                return false;
            }
            chunk = c.chunk();
            chunkMin = c.minTime();
            chunkMax = c.maxTime();
            return true;
        }

        /**
         * The next chunk of in-order and out-of-order samples merged, cut at {@value XorChunk#TARGET_SAMPLES}
         * samples and wherever the kind of sample changes.
         */
        private boolean nextMerged() {
            if (!ready.isEmpty() || mergedDone) {
                return take();
            }
            if (merged == null) {
                merged = new HeadSeriesIterator().reset(snap, mint, maxt);
                mergedChunker = new SampleChunker(XorChunk.TARGET_SAMPLES);
            }
            SampleChunker chunker = mergedChunker;
            for (SampleType st = merged.next(); st != SampleType.NONE; st = merged.next()) {
                TimedChunk done = chunker.add(st, merged);
                if (done != null) {
                    ready.add(done);
                    return take();
                }
            }
            mergedDone = true;
            TimedChunk last = chunker.finish();
            if (last != null) {
                ready.add(last);
            }
            return take();
        }

        /** Re-encodes the first {@code visible} samples that are in range and not deleted into {@link #ready}. */
        private void trim(Chunk stored, int visible) {
            SampleChunker chunker = new SampleChunker(Integer.MAX_VALUE);
            it = stored.iterator(it);
            for (int k = 0; k < visible; k++) {
                SampleType st = it.next();
                if (st == SampleType.NONE) {
                    break;
                }
                long t = it.atT();
                if (t < mint || t > maxt || deleted(t, t)) {
                    continue;
                }
                TimedChunk done = chunker.add(st, it);
                if (done != null) {
                    ready.add(done);
                }
            }
            TimedChunk last = chunker.finish();
            if (last != null) {
                ready.add(last);
            }
        }

        private boolean deleted(long from, long to) {
            long[] d = snap.deleted();
            for (int k = 0; k < d.length; k += 2) {
                if (d[k] <= to && d[k + 1] >= from) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public long minTime() {
            return chunkMin;
        }

        @Override
        public long maxTime() {
            return chunkMax;
        }

        @Override
        public EncodedChunk chunk() {
            return chunk;
        }
    }
}
