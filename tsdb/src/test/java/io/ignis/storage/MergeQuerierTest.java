package io.ignis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeQuerierTest {
    private static final Labels A = Labels.of("__name__", "a");

    @Test
    void firstQuerierWinsAtEqualTimestampsAndAllAreClosed() {
        ListQuerier q1 = new ListQuerier(List.of(new ListQuerier.Data(A, new long[] {1, 3}, new double[] {10, 30})),
                0, 100);
        ListQuerier q2 = new ListQuerier(List.of(new ListQuerier.Data(A, new long[] {2, 3}, new double[] {20, 99})),
                0, 100);
        List<String> got = new ArrayList<>();
        try (MergeQuerier m = new MergeQuerier(List.of(q1, q2))) {
            SeriesSet set = m.select(false, null, Matcher.equal("__name__", "a"));
            assertThat(set.next()).isTrue();
            SampleIterator it = new AssertingSampleIterator(set.at().iterator(null));
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                got.add(it.atT() + "=" + it.atV());
            }
            assertThat(set.next()).isFalse();
        }
        assertThat(got).containsExactly("1=10.0", "2=20.0", "3=30.0");
        assertThat(q1.isClosed()).isTrue();
        assertThat(q2.isClosed()).isTrue();
    }
}
