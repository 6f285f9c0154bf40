package io.ignis.promql.ast;

/**
 * The experimental {@code fill(v)}, {@code fill_left(v)} and {@code fill_right(v)} modifiers: the value to
 * use for a missing series on that side of a binary operation. A null side means "no fill": an unmatched
 * series produces no output, as without the modifier.
 */
public record FillValues(Double lhs, Double rhs) {
    public static final FillValues NONE = new FillValues(null, null);

    public boolean isEmpty() {
        return lhs == null && rhs == null;
    }
}
