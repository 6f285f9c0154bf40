package io.ignis.tsdb;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;

/**
 * Iterates a {@link ChunkSnapshot} within {@code [mint, maxt]}: chunk by chunk, reading only the samples
 * visible to the snapshot's reader and skipping deleted intervals. Whole chunks ending before a seek target
 * are skipped without decoding. Out-of-order samples, when the snapshot has any, are merged in; where both
 * hold a timestamp, the in-order sample wins. Chunks decode by their encoding, so a series may change between
 * floats, histograms and float histograms from one chunk to the next; a histogram is read from the chunk
 * iterator, positioned on it until the next move.
 */
final class HeadSeriesIterator implements SampleIterator {
    private ChunkSnapshot snap;
    private long mint;
    private long maxt;
    private int chunk;
    private SampleIterator cur;
    private SampleIterator xorIt;
    private SampleIterator histIt;
    private SampleIterator floatHistIt;
    private int left;
    private long t;
    private double v;
    private SampleType type = SampleType.NONE;
    private boolean started;
    private boolean done;
    // The next in-order sample, read ahead while merging out-of-order samples.
    private boolean inHas;
    private boolean inDone;
    private long inT;
    private double inV;
    private SampleType inType;
    private int ooo;

    HeadSeriesIterator reset(ChunkSnapshot snap, long mint, long maxt) {
        this.snap = snap;
        this.mint = mint;
        this.maxt = maxt;
        chunk = -1;
        left = 0;
        started = false;
        done = false;
        inHas = false;
        inDone = false;
        ooo = 0;
        return this;
    }

    @Override
    public SampleType next() {
        return advance(Long.MIN_VALUE);
    }

    @Override
    public SampleType seek(long target) {
        if (done) {
            return SampleType.NONE;
        }
        if (started && t >= target) {
            return type;
        }
        return advance(target);
    }

    /** Moves to the next visible sample at or after {@code min} and {@code mint}. */
    private SampleType advance(long min) {
        if (done) {
            return SampleType.NONE;
        }
        long from = Math.max(min, mint);
        if (snap.oooN() == 0) {
            if (!nextInOrder(from)) {
                return finish();
            }
            t = inT;
            v = inV;
            type = inType;
            started = true;
            return type;
        }
        return advanceMerged(from);
    }

    private SampleType advanceMerged(long from) {
        if (!inDone && (!inHas || inT < from)) {
            inHas = nextInOrder(from);
            inDone = !inHas;
        }
        long[] ts = snap.oooTs();
        int n = snap.oooN();
        while (ooo < n && (ts[ooo] < from || isDeleted(ts[ooo]))) {
            ooo++;
        }
        boolean oooHas = ooo < n && ts[ooo] <= maxt;
        if (!inHas && !oooHas) {
            return finish();
        }
        if (inHas && (!oooHas || inT <= ts[ooo])) {
            if (oooHas && ts[ooo] == inT) {
                ooo++;
            }
            t = inT;
            v = inV;
            type = inType;
            inHas = false;
        } else {
            t = ts[ooo];
            v = snap.oooVs()[ooo++];
            type = SampleType.FLOAT;
        }
        started = true;
        return type;
    }

    /** Reads the next visible in-order sample at or after {@code from} into inT/inV; false when there is none. */
    private boolean nextInOrder(long from) {
        while (true) {
            if (left == 0) {
                do {
                    chunk++;
                } while (chunk < snap.size() && snap.maxts()[chunk] < from);
                if (chunk >= snap.size()) {
                    return false;
                }
                ChunkEncoding enc = ChunkEncoding.fromCode(snap.encodings()[chunk]);
                // One iterator per encoding kept for reuse: a series rarely changes kind, so this rarely allocates.
                SampleIterator reuse = enc == ChunkEncoding.XOR ? xorIt : enc == ChunkEncoding.HISTOGRAM ? histIt
                        : floatHistIt;
                cur = Chunks.view(enc, snap.chunks()[chunk]).iterator(reuse);
                if (enc == ChunkEncoding.XOR) {
                    xorIt = cur;
                } else if (enc == ChunkEncoding.HISTOGRAM) {
                    histIt = cur;
                } else {
                    floatHistIt = cur;
                }
                left = snap.visible()[chunk];
            }
            SampleType st = cur.next();
            if (st == SampleType.NONE) {
                left = 0;
                continue;
            }
            left--;
            long at = cur.atT();
            if (at < from || isDeleted(at)) {
                continue;
            }
            if (at > maxt) {
                chunk = snap.size();
                left = 0;
                return false;
            }
            inT = at;
            inType = st;
            inV = st == SampleType.FLOAT ? cur.atV() : 0;
            return true;
        }
    }

    private boolean isDeleted(long st) {
        long[] d = snap.deleted();
        for (int i = 0; i < d.length; i += 2) {
            if (st >= d[i] && st <= d[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private SampleType finish() {
        done = true;
        return SampleType.NONE;
    }

    @Override
    public long atT() {
        return t;
    }

    @Override
    public double atV() {
        return v;
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
