package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunks.ChunkReader;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.tombstones.Intervals;
import java.util.List;

/**
 * Samples of one block series across its chunks, skipping deleted intervals (which include the parts of the
 * query range trimmed away). Chunks are decoded in place from the mapped segments.
 */
final class BlockSeriesIterator implements SampleIterator {
    private ChunkReader reader;
    private List<ChunkMeta> chunks;
    private Intervals deleted;
    private int ci;
    private SampleIterator cur;
    private SampleType state;

    BlockSeriesIterator reset(ChunkReader reader, List<ChunkMeta> chunks, Intervals deleted) {
        this.reader = reader;
        this.chunks = chunks;
        this.deleted = deleted;
        this.ci = -1;
        this.state = null;
        return this;
    }

    private boolean nextChunk() {
        ci++;
        if (ci >= chunks.size()) {
            return false;
        }
        cur = reader.chunk(chunks.get(ci).ref()).iterator(cur);
        return true;
    }

    @Override
    public SampleType next() {
        if (state == SampleType.NONE) {
            return SampleType.NONE;
        }
        while (true) {
            if (ci < 0 || ci >= chunks.size()) {
                if (!nextChunk()) {
                    return state = SampleType.NONE;
                }
            }
            SampleType st = cur.next();
            if (st == SampleType.NONE) {
                if (!nextChunk()) {
                    return state = SampleType.NONE;
                }
                continue;
            }
            if (!deleted.isEmpty() && deleted.contains(cur.atT())) {
                continue;
            }
            return state = st;
        }
    }

    @Override
    public SampleType seek(long t) {
        if (state == SampleType.NONE) {
            return SampleType.NONE;
        }
        if (state != null && cur.atT() >= t) {
            return state;
        }
        // Skip whole chunks that end before t.
        int target = Math.max(ci, 0);
        while (target < chunks.size() && chunks.get(target).maxTime() < t) {
            target++;
        }
        if (target >= chunks.size()) {
            return state = SampleType.NONE;
        }
        if (target != ci) {
            ci = target;
            cur = reader.chunk(chunks.get(ci).ref()).iterator(cur);
        }
        SampleType st = cur.seek(t);
        if (st == SampleType.NONE) {
            return next();
        }
        if (!deleted.isEmpty() && deleted.contains(cur.atT())) {
            return next();
        }
        return state = st;
    }

    @Override
    public long atT() {
        return cur.atT();
    }

    @Override
    public double atV() {
        return cur.atV();
    }

    @Override
    public Histogram atHistogram() {
        return cur.atHistogram();
    }

    @Override
    public FloatHistogram atFloatHistogram() {
        return cur.atFloatHistogram();
    }
}
