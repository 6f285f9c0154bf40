package io.ignis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Querier} must do, checked against a plain model of the stored series. Subclasses store
 * the given series in their implementation; all reads go through {@link AssertingSampleIterator}.
 */
public abstract class QuerierContractTest {
    protected static final long SEED = Long.getLong("tests.seed", 42L);

    /** Stores {@code series} and opens a querier over {@code [mint, maxt]}. */
    protected abstract Querier open(List<ListQuerier.Data> series, long mint, long maxt);

    /** Five series, one to three hundred samples each, every 15 s with jitter, seeded. */
    protected static List<ListQuerier.Data> fixture() {
        Random rnd = new Random(SEED);
        List<ListQuerier.Data> out = new ArrayList<>();
        String[][] names = {{"up", "a"}, {"up", "b"}, {"down", "a"}, {"mem", "c"}, {"up", "c"}};
        for (String[] n : names) {
            int count = 1 + rnd.nextInt(300);
            long[] ts = new long[count];
            double[] vs = new double[count];
            long t = 1_000_000 + rnd.nextInt(50_000);
            for (int i = 0; i < count; i++) {
                ts[i] = t;
                vs[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextGaussian() * 100;
                t += 15_000 + rnd.nextInt(2000) - 1000;
            }
            out.add(new ListQuerier.Data(Labels.of("__name__", n[0], "job", n[1]), ts, vs));
        }
        return out;
    }

    /** The model: samples of matching series within the range, by labels, sorted. */
    private static Map<Labels, List<String>> expected(List<ListQuerier.Data> data, long mint, long maxt,
                                                      Matcher... ms) {
        Map<Labels, List<String>> out = new java.util.TreeMap<>();
        for (ListQuerier.Data d : data) {
            boolean match = true;
            for (Matcher m : ms) {
                match &= m.matches(d.labels().get(m.name()));
            }
            List<String> s = new ArrayList<>();
            for (int i = 0; i < d.ts().length; i++) {
                if (d.ts()[i] >= mint && d.ts()[i] <= maxt) {
                    s.add(d.ts()[i] + "=" + Double.doubleToRawLongBits(d.vs()[i]));
                }
            }
            if (match && !s.isEmpty()) {
                out.put(d.labels(), s);
            }
        }
        return out;
    }

    private static Map<Labels, List<String>> read(Querier q, Matcher... ms) {
        Map<Labels, List<String>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, null, ms);
        SampleIterator reuse = null;
        while (set.next()) {
            Series s = set.at();
            reuse = s.iterator(reuse);
            SampleIterator it = new AssertingSampleIterator(reuse);
            List<String> l = new ArrayList<>();
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                assertThat(st).isEqualTo(SampleType.FLOAT);
                l.add(it.atT() + "=" + Double.doubleToRawLongBits(it.atV()));
            }
            assertThat(out.put(s.labels(), l)).as("series %s returned twice", s.labels()).isNull();
        }
        return out;
    }

    @Test
    void selectsEverySeriesSortedWithAllSamples() {
        List<ListQuerier.Data> data = fixture();
        try (Querier q = open(data, Long.MIN_VALUE, Long.MAX_VALUE)) {
            Map<Labels, List<String>> got = read(q, Matcher.regex("__name__", ".+"));
            assertThat(got).containsExactlyEntriesOf(expected(data, Long.MIN_VALUE, Long.MAX_VALUE));
            assertThat(new ArrayList<>(got.keySet())).isSorted();
        }
    }

    @Test
    void appliesMatchers() {
        List<ListQuerier.Data> data = fixture();
        Matcher[][] cases = {
            {Matcher.equal("__name__", "up")},
            {Matcher.equal("__name__", "up"), Matcher.notEqual("job", "a")},
            {Matcher.regex("job", "a|c")},
            {Matcher.notRegex("__name__", "up|mem")},
            {Matcher.equal("job", "zzz")},
            {Matcher.equal("missing", ""), Matcher.equal("job", "c")},
        };
        try (Querier q = open(data, Long.MIN_VALUE, Long.MAX_VALUE)) {
            for (Matcher[] ms : cases) {
                assertThat(read(q, ms)).as(List.of(ms).toString())
                        .containsExactlyEntriesOf(expected(data, Long.MIN_VALUE, Long.MAX_VALUE, ms));
            }
        }
    }

    @Test
    void honoursTheInclusiveTimeRange() {
        List<ListQuerier.Data> data = fixture();
        long mint = data.get(0).ts()[0];
        long maxt = mint + 600_000;
        try (Querier q = open(data, mint, maxt)) {
            assertThat(read(q, Matcher.regex("job", ".+")))
                    .containsExactlyEntriesOf(expected(data, mint, maxt, Matcher.regex("job", ".+")));
        }
    }

    @Test
    void seeksLikeTheModel() {
        List<ListQuerier.Data> data = fixture();
        Random rnd = new Random(SEED + 1);
        try (Querier q = open(data, Long.MIN_VALUE, Long.MAX_VALUE)) {
            for (ListQuerier.Data d : data) {
                SeriesSet set = q.select(false, null, Matcher.equal("__name__", d.labels().get("__name__")),
                        Matcher.equal("job", d.labels().get("job")));
                assertThat(set.next()).isTrue();
                SampleIterator it = new AssertingSampleIterator(set.at().iterator(null));
                int pos = -1;
                long target = d.ts()[0] - 10;
                while (true) {
                    boolean useSeek = rnd.nextBoolean();
                    int want;
                    SampleType st;
                    if (useSeek) {
                        target = target + rnd.nextInt(60_000) - 5_000;
                        want = Math.max(pos, 0);
                        while (want < d.ts().length && d.ts()[want] < target) {
                            want++;
                        }
                        st = it.seek(target);
                    } else {
                        want = pos + 1;
                        st = it.next();
                    }
                    if (want >= d.ts().length) {
                        assertThat(st).as("seed %d", SEED).isEqualTo(SampleType.NONE);
                        break;
                    }
                    assertThat(st).isEqualTo(SampleType.FLOAT);
                    assertThat(it.atT()).as("seed %d, seek=%s", SEED, useSeek).isEqualTo(d.ts()[want]);
                    assertThat(Double.doubleToRawLongBits(it.atV()))
                            .isEqualTo(Double.doubleToRawLongBits(d.vs()[want]));
                    pos = want;
                    target = Math.max(target, it.atT());
                }
                assertThat(set.next()).isFalse();
            }
        }
    }

    @Test
    void seekPastTheEndAndToTheCurrentSample() {
        List<ListQuerier.Data> data = fixture();
        ListQuerier.Data d = data.get(1);
        try (Querier q = open(data, Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, null, Matcher.equal("__name__", "up"), Matcher.equal("job", "b"));
            assertThat(set.next()).isTrue();
            SampleIterator it = new AssertingSampleIterator(set.at().iterator(null));
            assertThat(it.seek(Long.MIN_VALUE)).isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(d.ts()[0]);
            assertThat(it.seek(d.ts()[0] - 1)).as("seek behind stays put").isEqualTo(SampleType.FLOAT);
            assertThat(it.atT()).isEqualTo(d.ts()[0]);
            assertThat(it.seek(d.ts()[d.ts().length - 1] + 1)).isEqualTo(SampleType.NONE);
        }
    }

    @Test
    void labelNamesAndValues() {
        List<ListQuerier.Data> data = fixture();
        try (Querier q = open(data, Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(q.labelNames()).containsExactly("__name__", "job");
            assertThat(q.labelValues("__name__")).containsExactly("down", "mem", "up");
            assertThat(q.labelValues("job", Matcher.equal("__name__", "up"))).containsExactly("a", "b", "c");
            assertThat(q.labelValues("nope")).isEmpty();
        }
    }

    @Test
    void emptySelection() {
        try (Querier q = open(fixture(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, null, Matcher.equal("__name__", "nothing"));
            assertThat(set.next()).isFalse();
            assertThat(set.warnings()).isNotNull();
        }
    }
}
