package io.ignis.tsdb.index;

import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves label matchers to postings with Prometheus's semantics ({@code tsdb/querier.go PostingsForMatchers}):
 * a matcher that accepts the empty string also selects series without the label, so it is applied by
 * subtracting the series that have the label with a non-matching value.
 */
public final class PostingsForMatchers {
    private PostingsForMatchers() {
    }

    /** The series matching all {@code ms}, in increasing reference order. */
    public static Postings select(PostingsReader ix, Matcher... ms) {
        if (ms.length == 1 && ms[0].name().isEmpty() && ms[0].value().isEmpty()) {
            return ix.postings("", "");
        }
        Set<String> labelMustBeSet = new HashSet<>();
        for (Matcher m : ms) {
            if (!m.matchesEmpty()) {
                labelMustBeSet.add(m.name());
            }
        }
        List<Matcher> intersecting = new ArrayList<>();
        List<Matcher> subtracting = new ArrayList<>();
        for (Matcher m : ms) {
            if (isSubtracting(m, labelMustBeSet)) {
                subtracting.add(m);
            } else {
                intersecting.add(m);
            }
        }
        List<Postings> its = new ArrayList<>();
        List<Postings> notIts = new ArrayList<>();
        if (!subtracting.isEmpty() && intersecting.isEmpty()) {
            // Nothing to subtract from: start with every series.
            its.add(ix.postings("", ""));
        }
        List<Matcher> ordered = new ArrayList<>(intersecting);
        ordered.addAll(subtracting);
        for (Matcher m : ordered) {
            MatchType type = m.type();
            if (m.name().isEmpty() && m.value().isEmpty()) {
                throw new IllegalArgumentException("unexpected all postings");
            } else if (type == MatchType.REGEX && m.value().equals(".*")) {
                continue; // matches everything
            } else if (type == MatchType.NOT_REGEX && m.value().equals(".*")) {
                return Postings.empty();
            } else if (type == MatchType.REGEX && m.value().equals(".+")) {
                its.add(ix.postingsForAllLabelValues(m.name()));
            } else if (type == MatchType.NOT_REGEX && m.value().equals(".+")) {
                notIts.add(ix.postingsForAllLabelValues(m.name()));
            } else if (labelMustBeSet.contains(m.name())) {
                boolean matchesEmpty = m.matchesEmpty();
                boolean isNot = type == MatchType.NOT_EQUAL || type == MatchType.NOT_REGEX;
                if (isNot && matchesEmpty) { // l!="foo": subtract l="foo"
                    notIts.add(postingsForMatcher(ix, inverse(m)));
                } else if (isNot) { // l!="": the series that have l at all
                    its.add(inversePostingsForMatcher(ix, inverse(m)));
                } else {
                    its.add(postingsForMatcher(ix, m));
                }
            } else { // l="" and friends: subtract the series whose l is set and does not match
                notIts.add(inversePostingsForMatcher(ix, m));
            }
        }
        Postings it = Postings.intersect(its);
        for (Postings n : notIts) {
            it = Postings.without(it, n);
        }
        return it;
    }

    private static boolean isSubtracting(Matcher m, Set<String> labelMustBeSet) {
        if (!labelMustBeSet.contains(m.name())) {
            return true;
        }
        return (m.type() == MatchType.NOT_EQUAL || m.type() == MatchType.NOT_REGEX) && m.matchesEmpty();
    }

    private static Matcher inverse(Matcher m) {
        MatchType t = switch (m.type()) {
            case EQUAL -> MatchType.NOT_EQUAL;
            case NOT_EQUAL -> MatchType.EQUAL;
            case REGEX -> MatchType.NOT_REGEX;
            case NOT_REGEX -> MatchType.REGEX;
        };
        return Matcher.of(t, m.name(), m.value());
    }

    // The series that have the label with a value matching m; never the series without it.
    private static Postings postingsForMatcher(PostingsReader ix, Matcher m) {
        if (m.type() == MatchType.EQUAL) {
            return ix.postings(m.name(), m.value());
        }
        return ix.postingsForLabelMatching(m.name(), m::matches);
    }

    // The series that have the label with a value NOT matching m.
    private static Postings inversePostingsForMatcher(PostingsReader ix, Matcher m) {
        if (m.type() == MatchType.NOT_EQUAL) {
            return ix.postings(m.name(), m.value());
        }
        if (m.value().isEmpty() && (m.type() == MatchType.REGEX || m.type() == MatchType.EQUAL)) {
            return ix.postingsForAllLabelValues(m.name());
        }
        return ix.postingsForLabelMatching(m.name(), v -> !m.matches(v));
    }
}
