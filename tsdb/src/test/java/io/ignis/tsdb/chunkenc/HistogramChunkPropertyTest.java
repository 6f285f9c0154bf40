package io.ignis.tsdb.chunkenc;

import static io.ignis.tsdb.chunkenc.HistogramSamples.describe;
import static io.ignis.tsdb.chunkenc.HistogramSamples.toFloat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random histogram sequences (buckets appearing and vanishing, counters growing or resetting, gauges, stale
 * markers) go through a head-like chain of appenders, recodes and cuts included, and decode to what went in.
 */
class HistogramChunkPropertyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void randomSequencesRoundTrip() {
        Random r = new Random(SEED);
        int recodes = 0;
        int chunks = 0;
        for (int round = 0; round < 200; round++) {
            boolean gauge = r.nextInt(4) == 0;
            List<Histogram> in = sequence(r, gauge, 5 + r.nextInt(60));
            HistogramChunkAppenderChain ints = new HistogramChunkAppenderChain();
            HistogramChunkAppenderChain floats = new HistogramChunkAppenderChain();
            for (int i = 0; i < in.size(); i++) {
                ints.append(10L * i, in.get(i));
                floats.appendFloat(10L * i, toFloat(in.get(i)));
            }
            String ctx = "round " + round + ", seed " + SEED + " (-Dtests.seed), chunks " + ints.describeChunks();
            check(ints.chunks, in, ctx);
            check(floats.chunks, in, ctx);
            assertThat(floats.chunks).as(ctx).hasSameSizeAs(ints.chunks);
            recodes += ints.recodes;
            chunks += ints.chunks.size();
        }
        // The generator must reach the interesting paths: recodes and cuts.
        assertThat(recodes).as("seed %d", SEED).isGreaterThan(50);
        assertThat(chunks).as("seed %d", SEED).isGreaterThan(400);
    }

    private static void check(List<Chunk> chunks, List<Histogram> in, String ctx) {
        int i = 0;
        for (Chunk c : chunks) {
            byte[] b = new byte[c.size()];
            c.bytes().get(b);
            SampleIterator it = Chunks.view(c.encoding(), b).iterator(null);
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next(), i++) {
                assertThat(it.atT()).as(ctx).isEqualTo(10L * i);
                String got = st == SampleType.HISTOGRAM ? describe(it.atHistogram()) : describe(it.atFloatHistogram());
                assertThat(got).as("%s, sample %d", ctx, i).isEqualTo(describe(in.get(i)));
            }
        }
        assertThat(i).as(ctx).isEqualTo(in.size());
    }

    private static List<Histogram> sequence(Random r, boolean gauge, int n) {
        List<Histogram> out = new ArrayList<>();
        TreeMap<Integer, Long> pos = new TreeMap<>();
        TreeMap<Integer, Long> neg = new TreeMap<>();
        long zero = 0;
        int schema = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(25) == 0) {
                out.add(HistogramChunkAppenderChain.stale());
                continue;
            }
            if (r.nextInt(15) == 0) {
                pos.clear();
                neg.clear();
                zero = 0;
            }
            if (r.nextInt(20) == 0) {
                schema = r.nextInt(3);
            }
            mutate(r, pos, gauge);
            if (r.nextBoolean()) {
                mutate(r, neg, gauge);
            }
            zero = Math.max(0, zero + r.nextInt(3) - (gauge ? 1 : 0));
            long count = zero;
            for (long c : pos.values()) {
                count += c;
            }
            for (long c : neg.values()) {
                count += c;
            }
            out.add(new Histogram(gauge ? CounterResetHint.GAUGE : CounterResetHint.UNKNOWN, schema,
                    Math.scalb(1.0, -128), zero, count, r.nextInt(1000) / 4.0, spans(pos), deltas(pos), spans(neg),
                    deltas(neg), new double[0]));
        }
        return out;
    }

    // Buckets appear (sometimes empty), grow, and vanish when empty (for gauges also when not).
    private static void mutate(Random r, TreeMap<Integer, Long> b, boolean gauge) {
        for (int k = r.nextInt(3); k > 0; k--) {
            b.putIfAbsent(r.nextInt(16) - 8, (long) r.nextInt(2));
        }
        for (Map.Entry<Integer, Long> e : b.entrySet()) {
            e.setValue(Math.max(0, e.getValue() + r.nextInt(3) - (gauge ? 1 : 0)));
        }
        if (!b.isEmpty() && r.nextInt(4) == 0) {
            Integer floor = b.floorKey(r.nextInt(16) - 8);
            int victim = floor == null ? b.firstKey() : floor;
            if (gauge || b.get(victim) == 0) {
                b.remove(victim);
            }
        }
    }

    private static Span[] spans(TreeMap<Integer, Long> buckets) {
        List<Span> out = new ArrayList<>();
        Integer last = null;
        for (int idx : buckets.keySet()) {
            if (last != null && idx == last + 1) {
                Span s = out.remove(out.size() - 1);
                out.add(new Span(s.offset(), s.length() + 1));
            } else {
                out.add(new Span(last == null ? idx : idx - last - 1, 1));
            }
            last = idx;
        }
        return out.toArray(new Span[0]);
    }

    private static long[] deltas(TreeMap<Integer, Long> buckets) {
        long[] d = new long[buckets.size()];
        long prev = 0;
        int i = 0;
        for (long c : buckets.values()) {
            d[i++] = c - prev;
            prev = c;
        }
        return d;
    }
}
