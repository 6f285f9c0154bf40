package io.ignis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Counter-reset hints through the merge, as Prometheus's chain sample iterator keeps or drops them. */
class MergeSampleIteratorTest {
    private static final CounterResetHint U = CounterResetHint.UNKNOWN;
    private static final CounterResetHint N = CounterResetHint.NOT_COUNTER_RESET;
    private static final CounterResetHint R = CounterResetHint.COUNTER_RESET;
    private static final CounterResetHint G = CounterResetHint.GAUGE;

    /** A histogram sample of a child: timestamp and hint. */
    record H(long t, CounterResetHint hint) {
    }

    /**
     * {@code children}: each child's samples; {@code seek}: where to seek first, or -1; {@code want}: what the
     * merge yields as {@code t:hint}.
     */
    record Case(String name, List<List<H>> children, boolean floatHistograms, long seek, List<String> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<List<H>> two = List.of(List.of(new H(1, R), new H(2, N), new H(5, N)),
                List.of(new H(3, N), new H(4, N)));
        return Stream.of(
                new Case("the first sample and each switch of child lose the hint", two, false, -1,
                        List.of("1:UNKNOWN", "2:NOT_COUNTER_RESET", "3:UNKNOWN", "4:NOT_COUNTER_RESET", "5:UNKNOWN")),
                new Case("float histograms alike", two, true, -1,
                        List.of("1:UNKNOWN", "2:NOT_COUNTER_RESET", "3:UNKNOWN", "4:NOT_COUNTER_RESET", "5:UNKNOWN")),
                new Case("a seek forgets the previous sample", two, false, 2,
                        List.of("2:UNKNOWN", "3:UNKNOWN", "4:NOT_COUNTER_RESET", "5:UNKNOWN")),
                new Case("a skipped duplicate in another child keeps the run",
                        List.of(List.of(new H(1, N), new H(2, N), new H(3, R)), List.of(new H(2, N))), false, -1,
                        List.of("1:UNKNOWN", "2:NOT_COUNTER_RESET", "3:COUNTER_RESET")),
                new Case("gauges keep their hint",
                        List.of(List.of(new H(1, G), new H(3, G)), List.of(new H(2, G))), false, -1,
                        List.of("1:GAUGE", "2:GAUGE", "3:GAUGE")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hints(Case c) {
        SampleIterator[] its = new SampleIterator[c.children().size()];
        for (int i = 0; i < its.length; i++) {
            its[i] = new AssertingSampleIterator(child(c.children().get(i), c.floatHistograms()));
        }
        SampleIterator m = new AssertingSampleIterator(new MergeSampleIterator(its));
        List<String> got = new ArrayList<>();
        SampleType st = c.seek() >= 0 ? m.seek(c.seek()) : m.next();
        for (; st != SampleType.NONE; st = m.next()) {
            CounterResetHint hint = st == SampleType.HISTOGRAM ? m.atHistogram().counterResetHint()
                    : m.atFloatHistogram().counterResetHint();
            got.add(m.atT() + ":" + hint);
        }
        assertThat(got).isEqualTo(c.want());
    }

    private static SampleIterator child(List<H> samples, boolean floats) {
        return new SampleIterator() {
            private int i = -1;

            @Override
            public SampleType next() {
                return ++i < samples.size() ? type() : SampleType.NONE;
            }

            private SampleType type() {
                return floats ? SampleType.FLOAT_HISTOGRAM : SampleType.HISTOGRAM;
            }

            @Override
            public SampleType seek(long t) {
                i = Math.max(i, 0);
                while (i < samples.size() && samples.get(i).t() < t) {
                    i++;
                }
                return i < samples.size() ? type() : SampleType.NONE;
            }

            @Override
            public long atT() {
                return samples.get(i).t();
            }

            @Override
            public double atV() {
                throw new IllegalStateException();
            }

            @Override
            public Histogram atHistogram() {
                return new Histogram(samples.get(i).hint(), 0, 0, 0, 1, 1, new Span[] {new Span(0, 1)},
                        new long[] {1}, new Span[0], new long[0], new double[0]);
            }

            @Override
            public FloatHistogram atFloatHistogram() {
                return new FloatHistogram(samples.get(i).hint(), 0, 0, 0, 1, 1, new Span[] {new Span(0, 1)},
                        new double[] {1}, new Span[0], new double[0], new double[0]);
            }
        };
    }
}
