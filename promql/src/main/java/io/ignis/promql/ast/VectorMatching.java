package io.ignis.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * How two instant vectors of a binary operation are matched.
 *
 * @param card           the cardinality; set operators are always {@code MANY_TO_MANY}
 * @param matchingLabels the labels of {@code on(...)} or {@code ignoring(...)}
 * @param on             whether {@code matchingLabels} are included ({@code on}) rather than excluded
 * @param include        the labels of {@code group_left(...)}/{@code group_right(...)}, copied from the "one" side
 * @param fill           the fill modifiers, {@link FillValues#NONE} when absent
 */
public record VectorMatching(VectorMatchCardinality card, List<String> matchingLabels, boolean on,
                             List<String> include, FillValues fill) {
    public VectorMatching {
        Objects.requireNonNull(card, "card");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
        Objects.requireNonNull(fill, "fill");
    }

    /** One-to-one matching on all labels, the default. */
    public static VectorMatching oneToOne() {
        return new VectorMatching(VectorMatchCardinality.ONE_TO_ONE, List.of(), false, List.of(), FillValues.NONE);
    }
}
