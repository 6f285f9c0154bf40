package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.chunkenc.Chunks;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Out-of-order ingestion in the head: which samples are taken, where they go, and how reads merge them. */
class HeadOutOfOrderTest {
    private static final Labels A = Labels.of("__name__", "up", "job", "a");
    private static final Labels B = Labels.of("__name__", "up", "job", "b");
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    /** The head's newest sample in the table below; the appendable minimum is then BASE - 1 h. */
    private static final long BASE = 10 * HOUR;

    private static Head head(long window) {
        return Head.inMemory(HeadOptions.defaults().withStripeSize(64).withOutOfOrderTimeWindow(window));
    }

    private static Map<Labels, List<Sample>> all(Head h) {
        try (Querier q = h.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Samples.read(q, Matcher.regex("__name__", ".+"));
        }
    }

    /**
     * One append against series A holding {@code BASE - 20m = 1} and {@code BASE = 1} (plus {@code ooo}, committed
     * before as out-of-order samples at value 7); {@code want} null means accepted. {@code stored} is what series
     * {@code series} holds afterwards; the counters are the head's.
     */
    record Case(String name, long window, long[] ooo, Labels series, long t, double v, StorageException want,
                List<Sample> stored, long oooAppended, long tooOld, long outOfOrder, long outOfBounds) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Sample> baseAnd(Sample... more) {
        TreeMap<Long, Sample> m = new TreeMap<>();
        m.put(BASE - 20 * MIN, Sample.of(BASE - 20 * MIN, 1));
        m.put(BASE, Sample.of(BASE, 1));
        for (Sample s : more) {
            m.putIfAbsent(s.t(), s);
        }
        return new ArrayList<>(m.values());
    }

    static Stream<Case> appendCases() {
        long w = 30 * MIN;
        long[] none = {};
        return Stream.of(
                new Case("in order, window 0", 0, none, A, BASE + 1, 2, null, baseAnd(Sample.of(BASE + 1, 2)), 0, 0,
                        0, 0),
                new Case("identical duplicate of the newest sample", 0, none, A, BASE, 1, null, baseAnd(), 0, 0, 0, 0),
                new Case("same timestamp as the newest, other value", w, none, A, BASE, 2,
                        SampleRejection.DUPLICATE, baseAnd(), 0, 0, 0, 0),
                new Case("out of order, window 0", 0, none, A, BASE - 1, 2, SampleRejection.OUT_OF_ORDER, baseAnd(),
                        0, 0, 1, 0),
                new Case("out of bounds, window 0", 0, none, B, BASE - HOUR - 1, 2, SampleRejection.OUT_OF_BOUNDS,
                        null, 0, 0, 0, 1),
                new Case("out of order within the window", w, none, A, BASE - 10 * MIN, 2, null,
                        baseAnd(Sample.of(BASE - 10 * MIN, 2)), 1, 0, 0, 0),
                new Case("out of order at the window's edge", w, none, A, BASE - w, 2, null,
                        baseAnd(Sample.of(BASE - w, 2)), 1, 0, 0, 0),
                new Case("one ms older than the window is too old", w, none, A, BASE - w - 1, 2,
                        SampleRejection.TOO_OLD, baseAnd(), 0, 1, 0, 0),
                new Case("window wider than the appendable range", 2 * HOUR, none, A, BASE - 90 * MIN, 2, null,
                        baseAnd(Sample.of(BASE - 90 * MIN, 2)), 1, 0, 0, 0),
                new Case("too old, not out of bounds, once the window is on", 2 * HOUR, none, B, BASE - 2 * HOUR - 1,
                        2, SampleRejection.TOO_OLD, null, 0, 1, 0, 0),
                new Case("new series older than the head but appendable: in order", w, none, B, BASE - 10 * MIN, 2,
                        null, List.of(Sample.of(BASE - 10 * MIN, 2)), 0, 0, 0, 0),
                new Case("new series below the appendable minimum: out of order", 2 * HOUR, none, B, BASE - 90 * MIN,
                        2, null, List.of(Sample.of(BASE - 90 * MIN, 2)), 1, 0, 0, 0),
                new Case("out-of-order duplicate, other value: dropped silently", w, new long[] {BASE - 10 * MIN}, A,
                        BASE - 10 * MIN, 2, null, baseAnd(Sample.of(BASE - 10 * MIN, 7)), 1, 0, 0, 0),
                new Case("out of order at an in-order timestamp: in-order value read", w, none, A, BASE - 20 * MIN,
                        2, null, baseAnd(), 1, 0, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appendCases")
    void appendAcceptance(Case c) {
        Head h = head(c.window());
        Appender app = h.appender();
        app.append(0, A, BASE - 20 * MIN, 1);
        app.append(0, A, BASE, 1);
        app.commit();
        for (long t : c.ooo()) {
            app.append(0, A, t, 7);
            app.commit();
        }
        if (c.want() == null) {
            app.append(0, c.series(), c.t(), c.v());
        } else {
            assertThatThrownBy(() -> app.append(0, c.series(), c.t(), c.v())).isSameAs(c.want());
        }
        app.commit();
        assertThat(all(h).get(c.series())).isEqualTo(c.stored());
        HeadStats st = h.stats();
        assertThat(st.outOfOrderSamplesAppended()).as("out-of-order appended").isEqualTo(c.oooAppended());
        assertThat(st.tooOldSamples()).as("too old").isEqualTo(c.tooOld());
        assertThat(st.outOfOrderSamples()).as("out of order").isEqualTo(c.outOfOrder());
        assertThat(st.outOfBoundsSamples()).as("out of bounds").isEqualTo(c.outOfBounds());
        assertThat(h.maxTime()).as("out-of-order samples do not move the head's range")
                .isEqualTo(Math.max(BASE, c.want() == null && c.oooAppended() == 0 ? c.t() : BASE));
    }

    @Test
    void commitSortsABatchIntoInOrderAndOutOfOrder() {
        Head h = head(HOUR);
        Appender first = h.appender();
        Appender second = h.appender();
        first.append(0, A, 1000, 1);
        first.append(0, A, 500, 9); // in order against the committed state, out of order within the batch
        second.append(0, A, 2000, 2);
        second.commit();
        first.commit();
        assertThat(all(h).get(A)).containsExactly(Sample.of(500, 9), Sample.of(1000, 1), Sample.of(2000, 2));
        assertThat(h.stats().outOfOrderSamplesAppended()).isEqualTo(2);
        assertThat(h.stats().outOfOrderSamples()).isZero();
        assertThat(h.minOooTime()).isEqualTo(500);
        assertThat(h.maxOooTime()).isEqualTo(1000);
    }

    @Test
    void readsMergeCutAndOpenOutOfOrderChunksWithInOrderOnes() {
        Head h = head(HOUR);
        Appender app = h.appender();
        TreeMap<Long, Double> model = new TreeMap<>();
        for (long t = 0; t <= 1000; t += 10) {
            app.append(0, A, t, t);
            model.put(t, (double) t);
        }
        app.commit();
        // 100 late samples: three cut out-of-order chunks of 32 and an open one of 4.
        for (long t = 995; t > 0; t -= 10) {
            app.append(0, A, t, -t);
            app.commit();
            model.put(t, (double) -t);
        }
        assertThat(h.stats().outOfOrderSamplesAppended()).isEqualTo(100);
        assertThat(all(h).get(A)).isEqualTo(expected(model, Long.MIN_VALUE, Long.MAX_VALUE));
        try (Querier q = h.querier(333, 444)) {
            assertThat(Samples.read(q, Matcher.equal("job", "a")).get(A)).isEqualTo(expected(model, 333, 444));
        }
        try (Querier q = h.querier(0, 1000)) {
            SeriesSet set = q.select(false, null, Matcher.equal("job", "a"));
            assertThat(set.next()).isTrue();
            SampleIterator it = set.at().iterator(null);
            assertThat(it.seek(551)).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(555);
            assertThat(it.seek(100)).as("seek never goes back").isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(555);
            assertThat(it.next()).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(560);
            assertThat(it.seek(2000)).isEqualTo(SampleType.NONE);
            assertThat(it.next()).isEqualTo(SampleType.NONE);
        }
        assertThat(chunkSamples(h, 0, 1000)).isEqualTo(expected(model, 0, 1000));
    }

    /** Reads a series through the chunk querier, checking chunks come in order without overlapping. */
    private static List<Sample> chunkSamples(Head h, long mint, long maxt) {
        List<Sample> out = new ArrayList<>();
        try (ChunkQuerier q = h.chunkQuerier(mint, maxt)) {
            ChunkSeriesSet set = q.select(true, null, Matcher.equal("job", "a"));
            assertThat(set.next()).isTrue();
            ChunkIterator it = set.at().iterator(null);
            long prevMax = Long.MIN_VALUE;
            while (it.next()) {
                assertThat(it.minTime()).as("chunks in order, no overlap").isGreaterThan(prevMax);
                prevMax = it.maxTime();
                SampleIterator s = Chunks.of(it.chunk()).iterator(null);
                while (s.next() != SampleType.NONE) {
                    out.add(Sample.of(s.atT(), s.atV()));
                }
                assertThat(out.get(out.size() - 1).t()).isEqualTo(it.maxTime());
            }
        }
        return out;
    }

    private static List<Sample> expected(TreeMap<Long, Double> model, long mint, long maxt) {
        List<Sample> out = new ArrayList<>();
        model.subMap(mint, true, maxt, true).forEach((t, v) -> out.add(Sample.of(t, v)));
        return out;
    }

    @Test
    void readersOpenedBeforeACommitDoNotSeeItsOutOfOrderSamples() {
        Head h = head(HOUR);
        Appender app = h.appender();
        app.append(0, A, 1000, 1);
        app.commit();
        try (Querier before = h.querier(0, 2000)) {
            app.append(0, A, 500, 2);
            app.commit();
            assertThat(Samples.read(before, Matcher.equal("job", "a")).get(A)).containsExactly(Sample.of(1000, 1));
        }
        assertThat(all(h).get(A)).containsExactly(Sample.of(500, 2), Sample.of(1000, 1));
    }

    @Test
    void deletionsHideOutOfOrderSamplesToo() throws Exception {
        Head h = head(HOUR);
        Appender app = h.appender();
        app.append(0, A, 1000, 1);
        app.commit();
        app.append(0, A, 500, 2);
        app.append(0, A, 700, 3);
        app.commit();
        h.delete(600, 800, Matcher.equal("job", "a"));
        assertThat(all(h).get(A)).containsExactly(Sample.of(500, 2), Sample.of(1000, 1));
    }

    @Test
    void windowChangesAtRuntime() throws Exception {
        Head h = head(0);
        Appender app = h.appender();
        app.append(0, A, 1000, 1);
        app.commit();
        assertThatThrownBy(() -> app.append(0, A, 900, 2)).isSameAs(SampleRejection.OUT_OF_ORDER);
        app.rollback();
        h.setOutOfOrderTimeWindow(HOUR);
        app.append(0, A, 900, 2);
        app.commit();
        h.setOutOfOrderTimeWindow(0);
        assertThatThrownBy(() -> app.append(0, A, 800, 3)).isSameAs(SampleRejection.OUT_OF_ORDER);
        app.rollback();
        assertThat(all(h).get(A)).as("switching off keeps what came in").containsExactly(Sample.of(900, 2),
                Sample.of(1000, 1));
        assertThatThrownBy(() -> h.setOutOfOrderTimeWindow(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A commit of one in-order and one late sample is seen whole or not at all, while commits go on. */
    @Test
    void readersSeeLateAndInOrderSamplesOfACommitTogether() throws Exception {
        Head h = head(HOUR);
        int commits = 300;
        Thread writer = new Thread(() -> {
            Appender app = h.appender();
            for (int k = 1; k <= commits; k++) {
                app.append(0, A, 2_000_000 + 1000L * k, k);
                app.append(0, A, 1_000_000 + 1000L * k, k);
                app.commit();
            }
        });
        writer.start();
        int reads = 0;
        int lastSeen = 0;
        while (lastSeen < commits) {
            List<Sample> got = all(h).getOrDefault(A, List.of());
            int late = 0;
            for (int i = 0; i < got.size(); i++) {
                Sample s = got.get(i);
                assertThat(i == 0 || s.t() > got.get(i - 1).t()).as("sorted, no repeats: %s", got).isTrue();
                if (s.t() < 2_000_000) {
                    late++;
                    assertThat(s.v()).isEqualTo(late);
                }
            }
            assertThat(got.size()).as("in-order and late halves of every commit: %s", got).isEqualTo(2 * late);
            lastSeen = late;
            reads++;
        }
        writer.join();
        assertThat(reads).isPositive();
    }

    /** With the window on, in-order appends still allocate nothing per sample (refs cached, as a scrape does). */
    @ParameterizedTest(name = "window {0} ms")
    @ValueSource(longs = {0, HOUR})
    void inOrderAppendsAllocateNothingPerSample(long window) {
        Head h = head(window);
        int n = 2000;
        long[] refs = new long[n];
        Appender app = h.appender();
        for (int i = 0; i < n; i++) {
            refs[i] = app.append(0, Labels.of("__name__", "m", "i", Integer.toString(i)), 0, i);
        }
        app.commit();
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long allocated = 0;
        for (int k = 1; k <= 60; k++) {
            long before = bean.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) {
                app.append(refs[i], null, k * 15_000L, i + k);
            }
            app.commit();
            if (k > 20) {
                allocated += bean.getThreadAllocatedBytes(tid) - before;
            }
        }
        // XOR chunks grow their byte buffers now and then; nothing else may allocate per sample.
        assertThat(allocated / (40.0 * n)).as("bytes per in-order sample").isLessThan(1.0);
    }

    /** Random late and repeated samples against a model where the first value written at a timestamp wins. */
    @Test
    void randomAppendsMatchAFirstWriteWinsModel() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Head h = head(1_000_000);
        TreeMap<Long, Double> model = new TreeMap<>();
        Appender app = h.appender();
        for (int commit = 0; commit < 200; commit++) {
            int n = 1 + rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                long t = rnd.nextInt(5000);
                double v = rnd.nextInt(1000);
                try {
                    app.append(0, A, t, v);
                    model.putIfAbsent(t, v);
                } catch (StorageException e) {
                    assertThat(e).as("seed %d", seed).isSameAs(SampleRejection.DUPLICATE);
                }
            }
            app.commit();
        }
        assertThat(all(h).get(A)).as("seed %d", seed).isEqualTo(expected(model, Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(chunkSamples(h, 1000, 4000)).as("seed %d", seed).isEqualTo(expected(model, 1000, 4000));
    }
}
