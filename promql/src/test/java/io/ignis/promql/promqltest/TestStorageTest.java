package io.ignis.promql.promqltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Span;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestStorageTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "a");

    @Test
    void keepsSamplesSortedAndStaleMarkersVisible() {
        TestStorage s = new TestStorage();
        Appender a = s.appender();
        a.append(0, UP, 0, 1);
        a.append(0, UP, 10, SeriesValues.STALE_NAN);
        a.append(0, UP, 20, 3);
        a.commit();
        List<String> got = read(s, 0, 100);
        assertThat(got).containsExactly("0=1.0", "10=stale", "20=3.0");
        assertThat(read(s, 5, 15)).containsExactly("10=stale");
    }

    @Test
    void rejectsOutOfOrderAndConflictingDuplicatesButAcceptsIdenticalOnes() {
        TestStorage s = new TestStorage();
        s.add(UP, 0, 20, 1, null);
        s.add(UP, 0, 20, 1, null);
        assertThatThrownBy(() -> s.add(UP, 0, 10, 1, null)).isSameAs(SampleRejection.OUT_OF_ORDER);
        assertThatThrownBy(() -> s.add(UP, 0, 20, 2, null)).isSameAs(SampleRejection.DUPLICATE);
        assertThat(read(s, 0, 100)).containsExactly("20=1.0");
    }

    @Test
    void reportsCounterResetHintsAsChunkedStorageDoes() {
        TestStorage s = new TestStorage();
        s.add(UP, 0, 0, 0, histogram(5, CounterResetHint.UNKNOWN));
        s.add(UP, 0, 10, 0, histogram(6, CounterResetHint.UNKNOWN));
        s.add(UP, 0, 20, 0, histogram(2, CounterResetHint.UNKNOWN));   // lower count: a reset starts a chunk
        s.add(UP, 0, 30, 0, histogram(3, CounterResetHint.GAUGE));
        List<CounterResetHint> hints = new ArrayList<>();
        try (Querier q = s.querier(0, 100)) {
            SeriesSet set = q.select(true, null, Matcher.equal("job", "a"));
            set.next();
            SampleIterator it = set.at().iterator(null);
            while (it.next() != SampleType.NONE) {
                hints.add(it.atFloatHistogram().counterResetHint());
            }
        }
        assertThat(hints).containsExactly(CounterResetHint.UNKNOWN, CounterResetHint.NOT_COUNTER_RESET,
                CounterResetHint.UNKNOWN, CounterResetHint.GAUGE);
    }

    private static FloatHistogram histogram(double count, CounterResetHint hint) {
        return new FloatHistogram(hint, 0, 0, 0, count, count, new Span[] {new Span(0, 1)}, new double[] {count},
                new Span[0], new double[0], new double[0]);
    }

    private static List<String> read(TestStorage s, long mint, long maxt) {
        List<String> out = new ArrayList<>();
        try (Querier q = s.querier(mint, maxt)) {
            SeriesSet set = q.select(true, null, Matcher.equal("__name__", "up"));
            while (set.next()) {
                SampleIterator it = set.at().iterator(null);
                while (it.next() != SampleType.NONE) {
                    out.add(it.atT() + "=" + (SeriesValues.isStale(it.atV()) ? "stale" : Double.toString(it.atV())));
                }
            }
        }
        return out;
    }
}
