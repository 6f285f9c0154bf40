package io.ignis.tsdb.exemplar;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.Exemplar;
import io.ignis.storage.ExemplarQueryResult;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CircularExemplarStorageTest {
    private static final Labels A = Labels.of("__name__", "req_total", "job", "a");
    private static final Labels B = Labels.of("__name__", "req_total", "job", "b");
    private static final Labels C = Labels.of("__name__", "latency_bucket", "job", "a", "le", "0.5");
    private static final List<Matcher[]> ALL = List.<Matcher[]>of(new Matcher[] {Matcher.regex("__name__", ".+")});

    private static Exemplar ex(String trace, double v, long t) {
        return new Exemplar(Labels.of("trace_id", trace), v, t, true);
    }

    /** Every stored exemplar as {@code series-job:trace@t}, series by labels, exemplars by time. */
    private static List<String> dump(CircularExemplarStorage s) {
        return dump(s.select(Long.MIN_VALUE, Long.MAX_VALUE, ALL));
    }

    private static List<String> dump(List<ExemplarQueryResult> results) {
        List<String> out = new ArrayList<>();
        for (ExemplarQueryResult r : results) {
            for (Exemplar e : r.exemplars()) {
                out.add(r.seriesLabels().get("__name__") + "-" + r.seriesLabels().get("job") + ":"
                        + e.labels().get("trace_id") + "@" + e.timestamp());
            }
        }
        return out;
    }

    @Test
    void keepsOneListPerSeriesInTimestampOrder() {
        CircularExemplarStorage s = new CircularExemplarStorage(10, 0);
        assertThat(s.add(A, ex("a1", 1, 1000))).isNull();
        assertThat(s.add(B, ex("b1", 1, 1500))).isNull();
        assertThat(s.add(A, ex("a2", 2, 2000))).isNull();
        assertThat(s.add(C, ex("c1", 1, 2500))).isNull();
        assertThat(s.add(B, ex("b2", 2, 3000))).isNull();
        assertThat(dump(s)).containsExactly("latency_bucket-a:c1@2500", "req_total-a:a1@1000",
                "req_total-a:a2@2000", "req_total-b:b1@1500", "req_total-b:b2@3000");
    }

    @Test
    void aFullRingOverwritesTheOldestExemplarOfAnySeries() {
        CircularExemplarStorage s = new CircularExemplarStorage(3, 0);
        s.add(A, ex("a1", 1, 1000));
        s.add(B, ex("b1", 1, 1000));
        s.add(A, ex("a2", 2, 2000));
        s.add(A, ex("a3", 3, 3000));
        assertThat(dump(s)).as("b1 was the oldest after a1").containsExactly("req_total-a:a2@2000",
                "req_total-a:a3@3000", "req_total-b:b1@1000");
        s.add(A, ex("a4", 4, 4000));
        assertThat(dump(s)).as("b's last exemplar went, and b with it").containsExactly("req_total-a:a2@2000",
                "req_total-a:a3@3000", "req_total-a:a4@4000");
        assertThat(s.stats().seriesWithExemplarsInStorage()).isEqualTo(1);
        for (int i = 5; i < 12; i++) {
            s.add(A, ex("a" + i, i, i * 1000L));
        }
        assertThat(dump(s)).containsExactly("req_total-a:a9@9000", "req_total-a:a10@10000",
                "req_total-a:a11@11000");
    }

    @Test
    void aSeriesOverwritingItsOnlyExemplarStaysIndexed() {
        CircularExemplarStorage s = new CircularExemplarStorage(1, 0);
        s.add(A, ex("a1", 1, 1000));
        s.add(A, ex("a2", 2, 2000));
        s.add(B, ex("b1", 1, 3000));
        s.add(A, ex("a3", 3, 500));
        assertThat(dump(s)).as("A's earlier exemplars are gone, so 500 is not out of order")
                .containsExactly("req_total-a:a3@500");
        assertThat(s.stats().seriesWithExemplarsInStorage()).isEqualTo(1);
    }

    record Case(String name, long window, Exemplar stored, Exemplar next, StorageException want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> validation() {
        Exemplar stored = ex("t1", 5, 10_000);
        String long64 = "x".repeat(64);
        return Stream.of(
                new Case("newer", 0, stored, ex("t2", 1, 11_000), null),
                new Case("same exemplar", 0, stored, ex("t1", 5, 10_000), SampleRejection.DUPLICATE_EXEMPLAR),
                new Case("same exemplar without timestamps, scraped later", 0, untimed(stored),
                        untimed(new Exemplar(stored.labels(), 5, 25_000, false)),
                        SampleRejection.DUPLICATE_EXEMPLAR),
                new Case("same labels and value, timestamped later", 0, stored, ex("t1", 5, 25_000), null),
                new Case("same value, other trace, later", 0, stored, ex("t9", 5, 11_000), null),
                new Case("older", 0, stored, ex("t2", 5, 9_999), SampleRejection.OUT_OF_ORDER_EXEMPLAR),
                new Case("same time, lower value", 0, stored, ex("t2", 4, 10_000),
                        SampleRejection.OUT_OF_ORDER_EXEMPLAR),
                new Case("same time, higher value", 0, stored, ex("t2", 6, 10_000), null),
                new Case("older, inside the window", 5_000, stored, ex("t2", 1, 5_001), null),
                new Case("older, at the window's edge", 5_000, stored, ex("t2", 1, 5_000),
                        SampleRejection.OUT_OF_ORDER_EXEMPLAR),
                new Case("labels of 128 characters", 0, stored,
                        new Exemplar(Labels.of("a", long64.substring(1), "b", long64.substring(1)), 1, 11_000, true),
                        null),
                new Case("labels of 129 characters", 0, stored,
                        new Exemplar(Labels.of("a", long64, "b", long64.substring(1)), 1, 11_000, true),
                        ExemplarRejection.LABEL_LENGTH),
                new Case("characters, not bytes, count", 0, stored,
                        new Exemplar(Labels.of("a", "é".repeat(63), "b", "ü".repeat(63)), 1, 11_000, true), null),
                new Case("too long on a new series", 0, null,
                        new Exemplar(Labels.of("trace_id", "x".repeat(121)), 1, 11_000, true),
                        ExemplarRejection.LABEL_LENGTH));
    }

    private static Exemplar untimed(Exemplar e) {
        return new Exemplar(e.labels(), e.value(), e.timestamp(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void validatesAsPrometheus(Case c) {
        CircularExemplarStorage s = new CircularExemplarStorage(10, c.window());
        if (c.stored() != null) {
            assertThat(s.add(A, c.stored())).isNull();
        }
        Exemplar e = c.next();
        assertThat(s.validate(A, e.labels(), e.value(), e.timestamp(), e.hasTimestamp())).isSameAs(c.want());
        long before = s.stats().exemplarsAppended();
        StorageException added = s.add(A, e);
        if (c.want() == SampleRejection.DUPLICATE_EXEMPLAR) {
            assertThat(added).as("a duplicate is a no-op").isNull();
            assertThat(s.stats().exemplarsAppended()).isEqualTo(before);
        } else {
            assertThat(added).isSameAs(c.want());
            assertThat(s.stats().exemplarsAppended()).isEqualTo(c.want() == null ? before + 1 : before);
        }
        assertThat(s.stats().outOfOrderExemplars())
                .isEqualTo(c.want() == SampleRejection.OUT_OF_ORDER_EXEMPLAR ? 1 : 0);
    }

    @Test
    void lateExemplarsWithinTheWindowAreLinkedInTimestampOrder() {
        CircularExemplarStorage s = new CircularExemplarStorage(10, 60_000);
        s.add(A, ex("t10", 1, 10_000));
        s.add(A, ex("t30", 1, 30_000));
        s.add(A, ex("t20", 1, 20_000));
        s.add(A, ex("t5", 1, 5_000));
        s.add(A, ex("t25", 1, 25_000));
        assertThat(s.add(A, ex("other", 9, 20_000))).as("a timestamp already there is taken for a duplicate")
                .isNull();
        assertThat(dump(s)).containsExactly("req_total-a:t5@5000", "req_total-a:t10@10000",
                "req_total-a:t20@20000", "req_total-a:t25@25000", "req_total-a:t30@30000");
        assertThat(s.stats().exemplarsAppended()).isEqualTo(5);
    }

    @Test
    void aLateExemplarOverwritingItsOwnNeighbourIsLinkedCorrectly() {
        CircularExemplarStorage s = new CircularExemplarStorage(3, 60_000);
        s.add(A, ex("t10", 1, 10_000));
        s.add(A, ex("t30", 1, 30_000));
        s.add(A, ex("t40", 1, 40_000));
        // The ring is full: the slot written next holds t10, the entry t15 would follow.
        s.add(A, ex("t15", 1, 15_000));
        assertThat(dump(s)).containsExactly("req_total-a:t15@15000", "req_total-a:t30@30000",
                "req_total-a:t40@40000");
        s.add(A, ex("t35", 1, 35_000));
        assertThat(dump(s)).containsExactly("req_total-a:t15@15000", "req_total-a:t35@35000",
                "req_total-a:t40@40000");
    }

    @Test
    void selectsByTimeRangeInclusiveAndByAnyMatcherSet() {
        CircularExemplarStorage s = new CircularExemplarStorage(10, 0);
        s.add(A, ex("a1", 1, 1000));
        s.add(A, ex("a2", 1, 2000));
        s.add(A, ex("a3", 1, 3000));
        s.add(B, ex("b1", 1, 2000));
        s.add(C, ex("c1", 1, 2000));
        Matcher[] jobA = {Matcher.equal("job", "a")};
        Matcher[] jobB = {Matcher.equal("job", "b")};
        Matcher[] bucket = {Matcher.equal("__name__", "latency_bucket"), Matcher.regex("le", "0\\.5")};
        assertThat(dump(s.select(2000, 3000, List.<Matcher[]>of(jobA)))).containsExactly("latency_bucket-a:c1@2000",
                "req_total-a:a2@2000", "req_total-a:a3@3000");
        assertThat(dump(s.select(1000, 1999, List.of(jobA, jobB)))).containsExactly("req_total-a:a1@1000");
        assertThat(dump(s.select(0, 5000, List.of(jobB, bucket)))).containsExactly("latency_bucket-a:c1@2000",
                "req_total-b:b1@2000");
        assertThat(dump(s.select(0, 5000, List.<Matcher[]>of(new Matcher[] {Matcher.notEqual("job", "a")}))))
                .containsExactly("req_total-b:b1@2000");
        assertThat(s.select(3001, 9000, ALL)).isEmpty();
        assertThat(s.select(0, 9000, List.of())).as("no sets match nothing").isEmpty();
        assertThat(s.select(0, 9000, ALL).get(1).exemplars().get(0))
                .isEqualTo(new Exemplar(Labels.of("trace_id", "a1"), 1, 1000, true));
    }

    @Test
    void growingKeepsEveryExemplarAndTheOverwriteOrder() {
        CircularExemplarStorage s = new CircularExemplarStorage(3, 0);
        for (int i = 1; i <= 4; i++) {
            s.add(i % 2 == 0 ? A : B, ex("e" + i, i, i * 1000L));
        }
        assertThat(s.resize(5)).isEqualTo(3);
        assertThat(dump(s)).containsExactly("req_total-a:e2@2000", "req_total-a:e4@4000", "req_total-b:e3@3000");
        s.add(A, ex("e5", 5, 5000));
        s.add(A, ex("e6", 6, 6000));
        assertThat(s.stats().exemplarsInStorage()).isEqualTo(5);
        s.add(A, ex("e7", 7, 7000));
        assertThat(dump(s)).as("e2 was the oldest kept").containsExactly("req_total-a:e4@4000",
                "req_total-a:e5@5000", "req_total-a:e6@6000", "req_total-a:e7@7000", "req_total-b:e3@3000");
    }

    @Test
    void shrinkingKeepsTheNewest() {
        CircularExemplarStorage s = new CircularExemplarStorage(6, 0);
        for (int i = 1; i <= 8; i++) {
            s.add(i <= 2 || i == 5 ? B : A, ex("e" + i, i, i * 1000L));
        }
        // Added in order e3..e8 remain, B holding only e5.
        assertThat(s.resize(2)).isEqualTo(2);
        assertThat(dump(s)).containsExactly("req_total-a:e7@7000", "req_total-a:e8@8000");
        assertThat(s.stats().seriesWithExemplarsInStorage()).isEqualTo(1);
        s.add(B, ex("e9", 9, 9000));
        assertThat(dump(s)).containsExactly("req_total-a:e8@8000", "req_total-b:e9@9000");
    }

    @Test
    void shrinkingARingNotYetFullDropsEmptySlotsFirst() {
        CircularExemplarStorage s = new CircularExemplarStorage(10, 0);
        s.add(A, ex("e1", 1, 1000));
        s.add(A, ex("e2", 2, 2000));
        s.add(B, ex("e3", 3, 3000));
        assertThat(s.resize(4)).isEqualTo(3);
        assertThat(dump(s)).containsExactly("req_total-a:e1@1000", "req_total-a:e2@2000", "req_total-b:e3@3000");
        s.add(B, ex("e4", 4, 4000));
        s.add(B, ex("e5", 5, 5000));
        assertThat(dump(s)).containsExactly("req_total-a:e2@2000", "req_total-b:e3@3000", "req_total-b:e4@4000",
                "req_total-b:e5@5000");
    }

    @Test
    void zeroDisablesAndResizingBackEnables() {
        CircularExemplarStorage s = new CircularExemplarStorage(0, 0);
        assertThat(s.enabled()).isFalse();
        assertThat(s.add(A, ex("a", 1, 1000))).isSameAs(ExemplarRejection.DISABLED);
        assertThat(s.validate(A, Labels.EMPTY, 1, 1000, true)).isSameAs(ExemplarRejection.DISABLED);
        assertThat(s.select(0, 9000, ALL)).isEmpty();
        s.resize(2);
        assertThat(s.add(A, ex("a", 1, 1000))).isNull();
        assertThat(s.resize(0)).isZero();
        assertThat(s.stats()).isEqualTo(new ExemplarStats(1, 0, 0, 0, 0, 0));
        assertThat(s.select(0, 9000, ALL)).isEmpty();
        assertThat(s.resize(-5)).as("negative is 0").isZero();
    }

    @Test
    void statsFollowTheRing() {
        CircularExemplarStorage s = new CircularExemplarStorage(3, 0);
        assertThat(s.stats()).isEqualTo(new ExemplarStats(0, 0, 0, 0, 3, 0));
        s.add(A, ex("a1", 1, 1500));
        s.add(B, ex("b1", 1, 2000));
        assertThat(s.stats()).isEqualTo(new ExemplarStats(2, 2, 2, 1.5, 3, 0));
        s.add(A, ex("a0", 1, 1000));
        s.add(A, ex("a2", 1, 3000));
        s.add(A, ex("a3", 1, 4000));
        assertThat(s.stats()).as("a0 out of order; b1 next to go").isEqualTo(new ExemplarStats(4, 3, 2, 2.0, 3, 1));
        s.add(A, ex("a4", 1, 5000));
        assertThat(s.stats()).as("b gone; a2 next to go").isEqualTo(new ExemplarStats(5, 3, 1, 3.0, 3, 1));
    }
}
