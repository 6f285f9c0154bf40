package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SeriesRefTableTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static MemSeries series(long ref) {
        return new MemSeries(ref, Labels.of("ref", Long.toString(ref)));
    }

    private static List<Long> refs(SeriesRefTable t) {
        List<Long> out = new ArrayList<>();
        t.forEach(s -> out.add(s.ref));
        return out;
    }

    @Test
    void putGetRemoveAcrossPagesAndUnknownRefs() {
        SeriesRefTable t = new SeriesRefTable();
        long far = 100L * SeriesRefTable.PAGE_SIZE + 3;
        MemSeries one = series(1);
        MemSeries farOne = series(far);
        t.put(one);
        t.put(farOne);
        assertThat(t.get(1)).isSameAs(one);
        assertThat(t.get(far)).isSameAs(farOne);
        assertThat(t.get(0)).isNull();
        assertThat(t.get(-1)).isNull();
        assertThat(t.get(2)).isNull();
        assertThat(t.get(far + 1)).isNull();
        assertThat(t.get(Long.MAX_VALUE)).isNull();
        assertThat(refs(t)).containsExactly(1L, far);
        t.remove(series(1)); // another object at the same ref is not removed
        assertThat(t.get(1)).isSameAs(one);
        t.remove(one);
        assertThat(t.get(1)).isNull();
        assertThat(refs(t)).containsExactly(far);
    }

    @Test
    void replayedRefsBelowTheFirstOnesAndChurnMatchAModel() {
        Random r = new Random(SEED);
        SeriesRefTable t = new SeriesRefTable();
        TreeMap<Long, MemSeries> model = new TreeMap<>();
        long next = 1 + r.nextInt(50 * SeriesRefTable.PAGE_SIZE);
        for (int round = 0; round < 20_000; round++) {
            int op = r.nextInt(10);
            if (op < 5) {
                long ref = next;
                next += 1 + r.nextInt(8);
                MemSeries s = series(ref);
                t.put(s);
                model.put(ref, s);
            } else if (op < 6) {
                long ref = 1 + r.nextInt(60 * SeriesRefTable.PAGE_SIZE); // a replayed ref, maybe below the rest
                if (!model.containsKey(ref)) {
                    MemSeries s = series(ref);
                    t.put(s);
                    model.put(ref, s);
                }
            } else if (!model.isEmpty()) {
                // Churn: mostly the oldest series go, so the directory's low end empties.
                Long ref = op < 9 ? model.firstKey() : model.ceilingKey(1 + (long) r.nextInt((int) next));
                if (ref != null) {
                    t.remove(model.remove(ref));
                }
            }
            if (round % 997 == 0) {
                assertThat(refs(t)).as("seed %d round %d", SEED, round).containsExactlyElementsOf(model.keySet());
            }
        }
        for (long ref = 1; ref < next + SeriesRefTable.PAGE_SIZE; ref++) {
            assertThat(t.get(ref)).as("seed %d ref %d", SEED, ref).isSameAs(model.get(ref));
        }
    }

    @Test
    void readersWithoutALockSeeEveryPutSeriesWhileWritersGrowAndTrim() throws Exception {
        SeriesRefTable t = new SeriesRefTable();
        int n = 200_000;
        long window = 4 * SeriesRefTable.PAGE_SIZE;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        // A live window of refs moves upwards: the writer publishes ref k in `published` after put returned.
        long[] published = new long[1];
        Thread reader = new Thread(() -> {
            while (!done.get() && failure.get() == null) {
                long k;
                synchronized (published) {
                    k = published[0];
                }
                if (k > 0) {
                    MemSeries s = t.get(k);
                    long after;
                    synchronized (published) {
                        after = published[0];
                    }
                    // Ref k is removed only after ref k + window was put: a null before then is lost series.
                    if (s == null ? after < k + window : s.ref != k) {
                        failure.set("ref " + k + " read as " + s + " with ref " + after + " put");
                    }
                }
            }
        });
        reader.start();
        for (long ref = 1; ref <= n; ref++) {
            t.put(series(ref));
            synchronized (published) {
                published[0] = ref;
            }
            if (ref > window) {
                t.remove(t.get(ref - window));
            }
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(refs(t)).hasSize((int) window);
    }
}
