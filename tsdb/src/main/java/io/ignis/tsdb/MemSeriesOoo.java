package io.ignis.tsdb;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.chunks.ChunkDiskMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The out-of-order part of a {@link MemSeries}, as Prometheus's {@code memSeriesOOOFields}: the open
 * {@link OooHeadChunk} and the chunks cut from it, oldest first. Created on the first out-of-order sample of the
 * series; guarded by the series' monitor.
 */
final class MemSeriesOoo {
    OooHeadChunk head;
    final List<OooMmappedChunk> cut = new ArrayList<>(2);

    boolean isEmpty() {
        return (head == null || head.n == 0) && cut.isEmpty();
    }

    long minTime() {
        long m = head == null || head.n == 0 ? Long.MAX_VALUE : head.minTime();
        for (OooMmappedChunk c : cut) {
            m = Math.min(m, c.mint);
        }
        return m;
    }

    long maxTime() {
        long m = head == null || head.n == 0 ? Long.MIN_VALUE : head.maxTime();
        for (OooMmappedChunk c : cut) {
            m = Math.max(m, c.maxt);
        }
        return m;
    }

    /**
     * The samples in {@code [mint, maxt]} a reader at {@code epoch} may see, sorted by time without repeated
     * timestamps (the chunk cut first wins, as inserting into one chunk keeps the first value): those of the cut
     * chunks with {@code seq <= maxSeq}, and of the open chunk when {@code withHead}. Null when there are none.
     */
    Samples collect(long epoch, long mint, long maxt, long maxSeq, boolean withHead, ChunkDiskMapper mapper) {
        Samples out = null;
        SampleIterator it = null;
        for (OooMmappedChunk c : cut) {
            if (c.seq > maxSeq || c.mint > maxt || c.maxt < mint) {
                continue;
            }
            it = Chunks.view(c.encoding, c.data(mapper)).iterator(it);
            Samples part = new Samples(c.numSamples);
            int i = 0;
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next(), i++) {
                long t = it.atT();
                if (t >= mint && t <= maxt && (c.epochs == null || c.epochs[i] <= epoch)) {
                    switch (st) {
                        case FLOAT -> part.add(t, it.atV());
                        case HISTOGRAM -> part.add(t, 0, it.atHistogram());
                        default -> part.add(t, 0, it.atFloatHistogram());
                    }
                }
            }
            out = Samples.merge(out, part);
        }
        if (withHead && head != null && head.n > 0 && head.minTime() <= maxt && head.maxTime() >= mint) {
            Samples part = new Samples(head.n);
            for (int i = 0; i < head.n; i++) {
                long t = head.ts[i];
                if (t >= mint && t <= maxt && head.epochs[i] <= epoch) {
                    Object h = head.hs == null ? null : head.hs[i] != null ? head.hs[i] : head.fhs[i];
                    part.add(t, head.vs[i], h);
                }
            }
            out = Samples.merge(out, part);
        }
        return out == null || out.n == 0 ? null : out;
    }

    /**
     * Drops the cut chunks with {@code seq <= maxSeq}; returns how many into {@code out[0]} and the highest disk
     * reference dropped (or -1) into {@code out[1]}.
     */
    void truncate(long maxSeq, long[] out) {
        out[0] = 0;
        out[1] = -1;
        while (!cut.isEmpty() && cut.get(0).seq <= maxSeq) {
            out[1] = Math.max(out[1], cut.remove(0).diskRef);
            out[0]++;
        }
    }

    /**
     * Sorted samples without repeated timestamps; {@code hs[i]}, when {@code hs} is not null, holds the sample's
     * {@link io.ignis.model.Histogram} or {@link io.ignis.model.FloatHistogram} (null for a float).
     */
    static final class Samples {
        long[] ts;
        double[] vs;
        Object[] hs;
        int n;

        Samples(int capacity) {
            ts = new long[Math.max(1, capacity)];
            vs = new double[ts.length];
        }

        void add(long t, double v) {
            add(t, v, null);
        }

        void add(long t, double v, Object h) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
                if (hs != null) {
                    hs = Arrays.copyOf(hs, n * 2);
                }
            }
            if (h != null && hs == null) {
                hs = new Object[ts.length];
            }
            if (hs != null) {
                hs[n] = h;
            }
            ts[n] = t;
            vs[n++] = v;
        }

        private Object h(int i) {
            return hs == null ? null : hs[i];
        }

        /** Merges two sorted runs; on equal timestamps {@code a}'s sample is kept. Either may be null. */
        static Samples merge(Samples a, Samples b) {
            if (a == null || a.n == 0) {
                return b;
            }
            if (b == null || b.n == 0) {
                return a;
            }
            Samples out = new Samples(a.n + b.n);
            int i = 0;
            int j = 0;
            while (i < a.n || j < b.n) {
                if (j == b.n || (i < a.n && a.ts[i] <= b.ts[j])) {
                    if (j < b.n && a.ts[i] == b.ts[j]) {
                        j++;
                    }
                    out.add(a.ts[i], a.vs[i], a.h(i));
                    i++;
                } else {
                    out.add(b.ts[j], b.vs[j], b.h(j));
                    j++;
                }
            }
            return out;
        }
    }
}
