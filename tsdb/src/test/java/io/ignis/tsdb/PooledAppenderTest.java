package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.tsdb.Samples.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Head appenders borrow pooled buffers; handing them back must never let one batch touch another. */
class PooledAppenderTest {
    private static final Labels A = Labels.of("__name__", "a");
    private static final Labels B = Labels.of("__name__", "b");

    private final Head head = Head.inMemory(HeadOptions.defaults());

    private Map<Labels, List<Sample>> all() {
        try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Samples.read(q, Matcher.regex("__name__", ".+"));
        }
    }

    @Test
    void theNextAppenderReusesTheBuffersOfACommittedOne() {
        Appender first = head.appender();
        first.append(0, A, 1000, 1);
        first.commit();
        HeadAppender pooled = head.borrowAppender();
        head.returnAppender(pooled);
        Appender second = head.appender();
        second.append(0, A, 2000, 2);
        assertThat(head.borrowAppender()).as("the pool is empty while the second batch holds its buffers")
                .isNotSameAs(pooled);
        second.commit();
        assertThat(all().get(A)).containsExactly(Sample.of(1000, 1), Sample.of(2000, 2));
    }

    @Test
    void aLateRollbackAfterCommitLeavesTheNextBatchAlone() {
        Appender first = head.appender();
        first.append(0, A, 1000, 1);
        first.commit();
        Appender second = head.appender();
        second.append(0, B, 1000, 5); // borrows what the first gave back
        first.rollback(); // a caller ending its batch twice must not reset the second batch
        first.commit();
        second.commit();
        assertThat(all()).containsOnlyKeys(A, B);
        assertThat(all().get(B)).containsExactly(Sample.of(1000, 5));
    }

    @Test
    void anAppenderUsedAgainAfterCommitStartsANewBatch() {
        Appender a = head.appender();
        a.append(0, A, 1000, 1);
        a.commit();
        a.append(0, A, 2000, 2);
        a.rollback();
        a.append(0, A, 3000, 3);
        a.commit();
        assertThat(all().get(A)).containsExactly(Sample.of(1000, 1), Sample.of(3000, 3));
    }

    @Test
    void hugeBatchesAreNotPooled() {
        Appender a = head.appender();
        for (int i = 0; i < 20_000; i++) {
            a.append(0, Labels.of("__name__", "m", "i", Integer.toString(i)), 1000, i);
        }
        a.commit();
        HeadAppender next = head.borrowAppender();
        assertThat(next.pooledSizeOk()).as("a fresh appender, not the one that grew to 20 000 samples").isTrue();
    }

    @Test
    void prefetchIsOnlyAHintUnknownRefsIgnored() {
        Appender first = head.appender();
        long a = first.append(0, A, 1000, 1);
        first.commit();
        MemSeries empty = head.getOrCreate(Labels.of("__name__", "no_samples_yet"));

        Appender second = head.appender();
        second.prefetch(new long[] {a, 0, -1, empty.ref, 1 << 20, a}, 5);
        second.append(a, A, 2000, 2);
        second.append(0, B, 2000, 3);
        second.commit();

        assertThat(all()).containsOnly(Map.entry(A, List.of(Sample.of(1000, 1), Sample.of(2000, 2))),
                Map.entry(B, List.of(Sample.of(2000, 3))));
    }
}
