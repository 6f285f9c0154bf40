package io.ignis.tsdb;

import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.tsdb.index.MemPostings;
import io.ignis.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves label matchers to series refs, as Prometheus's {@code PostingsForMatchers}. A matcher that does
 * not match the empty string selects the series having a matching value; one that does (for example
 * {@code a=""} or {@code a!="x"}) also selects series without the label, so it is applied by removing the
 * series whose value it rejects. With only matchers of the second kind, selection starts from all series.
 */
final class PostingsForMatchers {
    private PostingsForMatchers() {
    }

    static Postings select(MemPostings index, Matcher... matchers) {
        List<Postings> its = new ArrayList<>();
        List<Postings> notIts = new ArrayList<>();
        for (Matcher m : matchers) {
            if (m.matchesEmpty()) {
                notIts.add(index.matching(m.name(), v -> !m.matches(v)));
            } else if (m.type() == MatchType.EQUAL) {
                its.add(index.get(m.name(), m.value()));
            } else {
                its.add(index.matching(m.name(), m::matches));
            }
        }
        if (its.isEmpty()) {
            its.add(index.all());
        }
        Postings p = Postings.intersect(its);
        return notIts.isEmpty() ? p : Postings.without(p, Postings.merge(notIts));
    }
}
