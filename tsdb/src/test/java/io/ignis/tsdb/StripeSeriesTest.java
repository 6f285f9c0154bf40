package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StripeSeriesTest {
    @Test
    void concurrentCreationYieldsOneSeriesPerLabelSetWithDistinctRefs() throws Exception {
        StripeSeries s = new StripeSeries(8);
        int threads = 4;
        int perThread = 2000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong created = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    if (s.getOrCreate(Labels.of("i", Integer.toString(i))).created()) {
                        created.incrementAndGet();
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertThat(created.get()).isEqualTo(perThread);
        assertThat(s.size()).isEqualTo(perThread);
        assertThat(s.lastRef()).isEqualTo(perThread);
        boolean[] seen = new boolean[perThread + 1];
        for (int i = 0; i < perThread; i++) {
            MemSeries m = s.getByLabels(Labels.of("i", Integer.toString(i)));
            assertThat(s.getByRef(m.ref)).isSameAs(m);
            assertThat(seen[(int) m.ref]).isFalse();
            seen[(int) m.ref] = true;
        }
    }

    @Test
    void replayedRefsMoveTheNextRefAboveThem() {
        StripeSeries s = new StripeSeries(4);
        s.getOrCreate(Labels.of("a", "1"), 41);
        assertThat(s.getOrCreate(Labels.of("a", "2")).series().ref).isEqualTo(42);
        assertThat(s.getOrCreate(Labels.of("a", "1"), 99).series().ref).as("existing labels keep their ref")
                .isEqualTo(41);
        MemSeries gone = s.getByRef(42);
        s.remove(gone);
        assertThat(s.getByRef(42)).isNull();
        assertThat(s.getByLabels(Labels.of("a", "2"))).isNull();
        assertThat(s.size()).isEqualTo(1);
        assertThatThrownBy(() -> new StripeSeries(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
