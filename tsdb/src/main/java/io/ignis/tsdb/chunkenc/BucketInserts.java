package io.ignis.tsdb.chunkenc;

import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Bucket-layout arithmetic for appending to histogram chunks, as Prometheus's {@code histogram_meta.go} and the
 * {@code expand*SpansAndBuckets} functions: which buckets must be inserted into the chunk's layout (forward)
 * or into the new sample (backward) so both share one layout, and the merged spans.
 */
final class BucketInserts {
    /** {@code num} buckets inserted before position {@code pos} of a bucket array, starting at {@code bucketIdx}. */
    record Insert(int pos, int num, int bucketIdx) {
    }

    /** Forward inserts (into the chunk), backward inserts (into the sample), and for gauges the merged spans. */
    record Expansion(List<Insert> forward, List<Insert> backward, Span[] merged) {
    }

    private BucketInserts() {
    }

    /** Walks the absolute bucket indexes of a span list. */
    private static final class BucketIndexes {
        private final Span[] spans;
        private int span;
        private int bucket = -1;
        int idx = -1;

        BucketIndexes(Span[] spans) {
            this.spans = spans;
            if (spans.length > 0) {
                idx += spans[0].offset();
            }
        }

        boolean next() {
            if (span >= spans.length) {
                return false;
            }
            if (bucket < spans[span].length() - 1) {
                bucket++;
                idx++;
                return true;
            }
            while (span < spans.length - 1) {
                span++;
                idx += spans[span].offset() + 1;
                bucket = 0;
                if (spans[span].length() == 0) {
                    idx--;
                    continue;
                }
                return true;
            }
            return false;
        }
    }

    /** Builds spans from increasing bucket indexes. */
    private static final class SpanBuilder {
        private final List<Span> spans = new ArrayList<>();
        private int lastBucket;

        void add(int b) {
            int offset = b - lastBucket - 1;
            if (offset == 0 && !spans.isEmpty()) {
                Span last = spans.get(spans.size() - 1);
                spans.set(spans.size() - 1, new Span(last.offset(), last.length() + 1));
            } else {
                if (spans.isEmpty()) {
                    offset++;
                }
                spans.add(new Span(offset, 1));
            }
            lastBucket = b;
        }

        Span[] build() {
            return spans.toArray(HistogramLayout.NO_SPANS);
        }
    }

    /** An insert being accumulated. */
    private static final class Pending {
        int pos;
        int num;
        int bucketIdx;

        void flushTo(List<Insert> out) {
            if (num > 0) {
                out.add(new Insert(pos, num, bucketIdx));
                num = 0;
            }
        }

        // Prometheus's addInsert: extend the pending run if contiguous, else flush it and start a new one.
        void add(List<Insert> out, int otherIdx) {
            if (num == 0) {
                bucketIdx = otherIdx;
            } else if (bucketIdx + num != otherIdx) {
                out.add(new Insert(pos, num, bucketIdx));
                num = 0;
                bucketIdx = otherIdx;
            }
            num++;
        }
    }

    /** For gauges: inserts both ways to reach the union of both layouts, and that union. */
    static Expansion expandBothWays(Span[] a, Span[] b) {
        BucketIndexes ai = new BucketIndexes(a);
        BucketIndexes bi = new BucketIndexes(b);
        List<Insert> fInserts = new ArrayList<>();
        List<Insert> bInserts = new ArrayList<>();
        SpanBuilder merged = new SpanBuilder();
        Pending fInter = new Pending();
        Pending bInter = new Pending();
        boolean aOk = ai.next();
        boolean bOk = bi.next();
        while (aOk || bOk) {
            if (aOk && bOk && ai.idx == bi.idx) {
                fInter.flushTo(fInserts);
                bInter.flushTo(bInserts);
                merged.add(ai.idx);
                aOk = ai.next();
                bOk = bi.next();
                fInter.pos++;
                bInter.pos++;
            } else if (aOk && (!bOk || ai.idx < bi.idx)) {
                bInter.num++;
                fInter.flushTo(fInserts);
                merged.add(ai.idx);
                if (bOk) {
                    fInter.pos++;
                }
                aOk = ai.next();
            } else {
                fInter.num++;
                bInter.flushTo(bInserts);
                merged.add(bi.idx);
                if (aOk) {
                    bInter.pos++;
                }
                bOk = bi.next();
            }
        }
        fInter.flushTo(fInserts);
        bInter.flushTo(bInserts);
        return new Expansion(fInserts, bInserts, merged.build());
    }

    /**
     * For counters with integer buckets ({@code aDeltas}, {@code bDeltas} delta-coded): null when {@code b} is
     * not a continuation of {@code a} (a bucket decreased, or a non-empty bucket vanished), a counter reset.
     */
    static Expansion expandInts(Span[] a, Span[] b, long[] aDeltas, long[] bDeltas) {
        return expand(a, b, cumulative(aDeltas), cumulative(bDeltas), null, null);
    }

    private static long[] cumulative(long[] deltas) {
        long[] out = new long[deltas.length];
        long acc = 0;
        for (int i = 0; i < deltas.length; i++) {
            acc += deltas[i];
            out[i] = acc;
        }
        return out;
    }

    static Expansion expandCounts(Span[] a, Span[] b, double[] aCounts, double[] bCounts) {
        return expand(a, b, null, null, aCounts, bCounts);
    }

    // Exactly one of the pairs (aInts, bInts) and (aFloats, bFloats) is non-null: absolute counts.
    private static Expansion expand(Span[] a, Span[] b, long[] aInts, long[] bInts, double[] aFloats,
            double[] bFloats) {
        BucketIndexes ai = new BucketIndexes(a);
        BucketIndexes bi = new BucketIndexes(b);
        List<Insert> aInserts = new ArrayList<>();
        List<Insert> bInserts = new ArrayList<>();
        Pending aInter = new Pending();
        Pending bInter = new Pending();
        boolean aOk = ai.next();
        boolean bOk = bi.next();
        int ac = 0;
        int bc = 0;
        while (aOk || bOk) {
            if (aOk && bOk && ai.idx == bi.idx) {
                if (aInts != null ? aInts[ac] > bInts[bc] : aFloats[ac] > bFloats[bc]) {
                    return null;
                }
                aInter.flushTo(aInserts);
                aOk = ai.next();
                aInter.pos++;
                ac++;
                bInter.flushTo(bInserts);
                bOk = bi.next();
                bInter.pos++;
                bc++;
            } else if (aOk && (!bOk || ai.idx < bi.idx)) {
                if (aInts != null ? aInts[ac] != 0 : aFloats[ac] != 0) {
                    return null;
                }
                bInter.add(bInserts, ai.idx);
                aInter.flushTo(aInserts);
                aOk = ai.next();
                aInter.pos++;
                ac++;
            } else {
                aInter.add(aInserts, bi.idx);
                bInter.flushTo(bInserts);
                bOk = bi.next();
                bInter.pos++;
                bc++;
            }
        }
        aInter.flushTo(aInserts);
        bInter.flushTo(bInserts);
        return new Expansion(aInserts, bInserts, null);
    }

    /** Prometheus's {@code insert} for delta-coded integer buckets; {@code out} has the final length. */
    static long[] insertDeltas(long[] in, long[] out, List<Insert> inserts) {
        int oi = 0;
        long v = 0;
        int ii = 0;
        for (int i = 0; i < in.length; i++) {
            long d = in[i];
            if (ii >= inserts.size() || i != inserts.get(ii).pos()) {
                out[oi++] = d;
                v += d;
                continue;
            }
            boolean first = true;
            while (ii < inserts.size() && i == inserts.get(ii).pos()) {
                // The first inserted bucket steps the running count down to 0; the rest stay there.
                out[oi++] = first ? -v : 0;
                first = false;
                for (int x = 1; x < inserts.get(ii).num(); x++) {
                    out[oi++] = 0;
                }
                ii++;
            }
            out[oi++] = d + v;
            v += d;
        }
        for (; ii < inserts.size(); ii++) {
            out[oi++] = -v;
            for (int x = 1; x < inserts.get(ii).num(); x++) {
                out[oi++] = 0;
            }
            v = 0;
        }
        return out;
    }

    /** As {@link #insertDeltas} for absolute counts: inserted buckets are 0. */
    static double[] insertCounts(double[] in, double[] out, List<Insert> inserts) {
        int oi = 0;
        int ii = 0;
        for (int i = 0; i < in.length; i++) {
            while (ii < inserts.size() && i == inserts.get(ii).pos()) {
                oi += inserts.get(ii).num();
                ii++;
            }
            out[oi++] = in[i];
        }
        return out;
    }

    /** The spans of {@code spans} with the buckets of {@code inserts} (by bucket index) added. */
    static Span[] adjustForInserts(Span[] spans, List<Insert> inserts) {
        if (inserts.isEmpty()) {
            return spans;
        }
        BucketIndexes it = new BucketIndexes(spans);
        SpanBuilder merged = new SpanBuilder();
        int i = 0;
        int insertIdx = inserts.get(0).bucketIdx();
        int insertNum = inserts.get(0).num();
        boolean ok = it.next();
        while (ok || i < inserts.size()) {
            if (i < inserts.size() && (!ok || insertIdx < it.idx)) {
                merged.add(insertIdx);
                insertNum--;
                if (insertNum == 0) {
                    i++;
                    if (i < inserts.size()) {
                        insertIdx = inserts.get(i).bucketIdx();
                        insertNum = inserts.get(i).num();
                    }
                } else {
                    insertIdx++;
                }
            } else {
                merged.add(it.idx);
                ok = it.next();
            }
        }
        return merged.build();
    }
}
