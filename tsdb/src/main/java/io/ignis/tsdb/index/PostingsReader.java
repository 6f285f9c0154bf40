package io.ignis.tsdb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link PostingsForMatchers} needs from an index: postings per label pair and the values of a label.
 * Implemented by the block {@link IndexReader} and by the head's index, so both resolve matchers alike.
 */
public interface PostingsReader {
    /** The series with label {@code name=value}, sorted; empty if none. {@code ("", "")} means all series. */
    Postings postings(String name, String value);

    /** Sorted, distinct values of label {@code name}; empty if no series has it. */
    List<String> labelValues(String name);

    /** The series whose {@code name} has any of {@code values}. */
    default Postings postings(String name, List<String> values) {
        List<Postings> its = new ArrayList<>(values.size());
        for (String v : values) {
            its.add(postings(name, v));
        }
        return Postings.merge(its);
    }

    /** The series whose {@code name} has a value accepted by {@code match}. */
    default Postings postingsForLabelMatching(String name, Predicate<String> match) {
        List<Postings> its = new ArrayList<>();
        for (String v : labelValues(name)) {
            if (match.test(v)) {
                its.add(postings(name, v));
            }
        }
        return Postings.merge(its);
    }

    /** The series that have label {@code name} at all. */
    default Postings postingsForAllLabelValues(String name) {
        return postings(name, labelValues(name));
    }
}
