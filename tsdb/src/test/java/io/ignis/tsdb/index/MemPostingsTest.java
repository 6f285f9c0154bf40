package io.ignis.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemPostingsTest {
    private final MemPostings p = new MemPostings();

    @Test
    void keepsListsSortedAndTheAllKey() {
        p.add(3, Labels.of("__name__", "up", "job", "a"));
        p.add(1, Labels.of("__name__", "up", "job", "b"));
        p.add(2, Labels.of("__name__", "down", "job", "a"));
        assertThat(Postings.toArray(p.get("__name__", "up"))).containsExactly(1, 3);
        assertThat(Postings.toArray(p.get("job", "a"))).containsExactly(2, 3);
        assertThat(Postings.toArray(p.all())).containsExactly(1, 2, 3);
        assertThat(Postings.toArray(p.get("job", "zzz"))).isEmpty();
        assertThat(Postings.toArray(p.matching("job", v -> v.compareTo("a") > 0))).containsExactly(1);
        assertThat(p.labelNames()).containsExactly("__name__", "job");
        assertThat(p.labelValues("job")).containsExactly("a", "b");
    }

    @Test
    void readersKeepTheirCopyWhileWritersGoOn() {
        p.add(1, Labels.of("a", "x"));
        Postings open = p.get("a", "x");
        p.add(2, Labels.of("a", "x"));
        assertThat(Postings.toArray(open)).containsExactly(1);
        assertThat(Postings.toArray(p.get("a", "x"))).containsExactly(1, 2);
    }

    @Test
    void deleteDropsRefsAndEmptyValues() {
        p.add(1, Labels.of("a", "x", "b", "y"));
        p.add(2, Labels.of("a", "x"));
        p.delete(ref -> ref == 1, List.of(Labels.of("a", "x", "b", "y")));
        assertThat(Postings.toArray(p.get("a", "x"))).containsExactly(2);
        assertThat(Postings.toArray(p.all())).containsExactly(2);
        assertThat(p.labelNames()).containsExactly("a");
        assertThat(p.labelValues("b")).isEmpty();
    }
}
