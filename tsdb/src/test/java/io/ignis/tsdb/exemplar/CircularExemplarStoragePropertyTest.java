package io.ignis.tsdb.exemplar;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.labels.XxHash64;
import io.ignis.model.Exemplar;
import io.ignis.storage.ExemplarQueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ring against a naive model (a list of everything kept, in the order added, cut from the front), over random
 * appends, late exemplars, duplicates and resizes; and one writer racing readers.
 */
class CircularExemplarStoragePropertyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final List<Matcher[]> ALL = List.<Matcher[]>of(new Matcher[] {Matcher.regex("__name__", ".+")});
    private static final Labels[] SERIES = {Labels.of("__name__", "a"), Labels.of("__name__", "b"),
        Labels.of("__name__", "c", "x", "1")};

    /** What is kept, in the order added; a series' list is its entries sorted by time, ties in the order added. */
    private static final class Model {
        record Entry(Labels series, Exemplar e) {
        }

        final List<Entry> kept = new ArrayList<>();
        int capacity;
        long window;
        long appended;
        long outOfOrder;

        List<Entry> of(Labels series) {
            List<Entry> out = new ArrayList<>();
            for (Entry x : kept) {
                if (x.series().equals(series)) {
                    out.add(x);
                }
            }
            out.sort(Comparator.comparingLong(x -> x.e().timestamp()));
            return out;
        }

        void add(Labels series, Exemplar e) {
            if (capacity == 0) {
                return;
            }
            List<Entry> list = of(series);
            if (!list.isEmpty()) {
                Exemplar oldest = list.get(0).e();
                Exemplar newest = list.get(list.size() - 1).e();
                long t = e.timestamp();
                long nt = newest.timestamp();
                boolean timesCount = e.hasTimestamp() || newest.hasTimestamp();
                if (e.labels().equals(newest.labels()) && e.value() == newest.value() && (!timesCount || t == nt)) {
                    return;
                }
                if ((t < nt && t <= nt - window) || (t == nt && e.value() < newest.value())
                        || (t == nt && e.value() == newest.value()
                        && Long.compareUnsigned(XxHash64.hash(e.labels()), XxHash64.hash(newest.labels())) < 0)) {
                    outOfOrder++;
                    return;
                }
                if (t >= oldest.timestamp() && t < nt) {
                    for (Entry x : list) {
                        if (x.e().timestamp() == t) {
                            return;
                        }
                    }
                }
            }
            if (kept.size() == capacity) {
                kept.remove(0);
            }
            kept.add(new Entry(series, e));
            appended++;
        }

        void resize(int n) {
            while (kept.size() > n) {
                kept.remove(0);
            }
            capacity = n;
        }

        Map<Labels, List<Exemplar>> all() {
            Map<Labels, List<Exemplar>> out = new TreeMap<>();
            for (Labels s : SERIES) {
                List<Exemplar> es = new ArrayList<>();
                for (Entry x : of(s)) {
                    es.add(x.e());
                }
                if (!es.isEmpty()) {
                    out.put(s, es);
                }
            }
            return out;
        }
    }

    private static Map<Labels, List<Exemplar>> all(CircularExemplarStorage s) {
        Map<Labels, List<Exemplar>> out = new LinkedHashMap<>();
        for (ExemplarQueryResult r : s.select(Long.MIN_VALUE, Long.MAX_VALUE, ALL)) {
            out.put(r.seriesLabels(), r.exemplars());
        }
        return out;
    }

    @Test
    void matchesTheModel() {
        Random r = new Random(SEED);
        for (int round = 0; round < 200; round++) {
            Model m = new Model();
            m.capacity = r.nextInt(8);
            m.window = r.nextBoolean() ? 0 : 5;
            CircularExemplarStorage s = new CircularExemplarStorage(m.capacity, m.window);
            long[] clock = new long[SERIES.length];
            for (int op = 0; op < 60; op++) {
                String ctx = "seed " + SEED + " (-Dtests.seed), round " + round + ", op " + op;
                if (r.nextInt(20) == 0) {
                    int n = r.nextInt(8);
                    int want = n == m.capacity ? 0 : Math.min(n, m.kept.size());
                    assertThat(s.resize(n)).as(ctx + ": kept by resize(" + n + ")").isEqualTo(want);
                    m.resize(n);
                } else {
                    int i = r.nextInt(SERIES.length);
                    clock[i] += r.nextInt(6) - 1;
                    long t = clock[i] - (r.nextInt(4) == 0 ? r.nextInt(8) : 0);
                    Exemplar e = new Exemplar(Labels.of("trace_id", "t" + r.nextInt(3)), r.nextInt(3), t,
                            r.nextInt(4) != 0);
                    s.add(SERIES[i], e);
                    m.add(SERIES[i], e);
                }
                assertThat(all(s)).as(ctx).isEqualTo(m.all());
                ExemplarStats st = s.stats();
                assertThat(st.exemplarsInStorage()).as(ctx).isEqualTo(m.kept.size());
                assertThat(st.seriesWithExemplarsInStorage()).as(ctx).isEqualTo(m.all().size());
                assertThat(st.exemplarsAppended()).as(ctx).isEqualTo(m.appended);
                assertThat(st.outOfOrderExemplars()).as(ctx).isEqualTo(m.outOfOrder);
                double oldest = m.kept.isEmpty() ? 0 : m.kept.get(0).e().timestamp() / 1000.0;
                assertThat(st.lastExemplarsTimestampSeconds()).as(ctx).isEqualTo(oldest);
            }
        }
    }

    @Test
    void readersSeeWholeSortedListsWhileOneWriterAppends() throws Exception {
        CircularExemplarStorage s = new CircularExemplarStorage(64, 0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread[] readers = new Thread[2];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(() -> {
                try {
                    while (done.getCount() > 0) {
                        for (ExemplarQueryResult res : s.select(Long.MIN_VALUE, Long.MAX_VALUE, ALL)) {
                            long last = Long.MIN_VALUE;
                            for (Exemplar e : res.exemplars()) {
                                assertThat(e.timestamp()).isGreaterThanOrEqualTo(last);
                                last = e.timestamp();
                            }
                        }
                        if (Thread.interrupted()) {
                            return;
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            readers[i].start();
        }
        for (int i = 0; i < 20_000; i++) {
            s.add(SERIES[i % SERIES.length], new Exemplar(Labels.of("trace_id", "t"), i, i, true));
            if (i % 5_000 == 0) {
                s.resize(32 + i % 64);
            }
        }
        done.countDown();
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(s.stats().exemplarsAppended()).isEqualTo(20_000);
    }
}
