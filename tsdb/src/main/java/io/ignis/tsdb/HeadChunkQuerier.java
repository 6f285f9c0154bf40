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
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import java.nio.ByteBuffer;
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
        private XorChunk chunk;
        private long chunkMin;
        private long chunkMax;
        private SampleIterator it;
        private HeadSeriesIterator merged;
        private boolean mergedDone;

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
            while (++i < snap.size()) {
                byte[] b = snap.chunks()[i];
                XorChunk stored = XorChunk.view(ByteBuffer.wrap(b), 0, b.length);
                if (stored.numSamples() == snap.visible()[i] && snap.mints()[i] >= mint
                        && snap.maxts()[i] <= maxt && !deleted(snap.mints()[i], snap.maxts()[i])) {
                    chunk = stored;
                    chunkMin = snap.mints()[i];
                    chunkMax = snap.maxts()[i];
                    return true;
                }
                if (trim(stored, snap.visible()[i])) {
                    return true;
                }
            }
            return false;
        }

        /** The next chunk of up to {@value XorChunk#TARGET_SAMPLES} samples of in-order and out-of-order merged. */
        private boolean nextMerged() {
            if (mergedDone) {
                return false;
            }
            if (merged == null) {
                merged = new HeadSeriesIterator().reset(snap, mint, maxt);
            }
            XorChunk out = new XorChunk();
            ChunkAppender app = out.appender();
            int n = 0;
            while (n < XorChunk.TARGET_SAMPLES && merged.next() != SampleType.NONE) {
                app.append(merged.atT(), merged.atV());
                if (n++ == 0) {
                    chunkMin = merged.atT();
                }
                chunkMax = merged.atT();
            }
            mergedDone = n < XorChunk.TARGET_SAMPLES;
            chunk = out;
            return n > 0;
        }

        /** Re-encodes the first {@code visible} samples that are in range and not deleted; false if none. */
        private boolean trim(XorChunk stored, int visible) {
            XorChunk out = new XorChunk();
            ChunkAppender app = out.appender();
            it = stored.iterator(it);
            int n = 0;
            for (int k = 0; k < visible && it.next() != SampleType.NONE; k++) {
                long t = it.atT();
                if (t < mint || t > maxt || deleted(t, t)) {
                    continue;
                }
                app.append(t, it.atV());
                if (n++ == 0) {
                    chunkMin = t;
                }
                chunkMax = t;
            }
            chunk = out;
            return n > 0;
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
