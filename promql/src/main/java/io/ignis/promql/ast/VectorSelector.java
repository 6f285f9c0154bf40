package io.ignis.promql.ast;

import io.ignis.labels.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An instant vector selector {@code name{matchers} @ t anchored|smoothed offset d}.
 *
 * @param name                    the metric name written before the braces, or "" when absent
 * @param matchers                all matchers, including {@code __name__="name"} (last) when {@code name} is set
 * @param originalOffset          the offset as written, zero when absent (or when {@code originalOffsetExpr} is
 *                                set); may be negative
 * @param originalOffsetExpr      the offset when written as a duration expression ({@code offset step()}), or null
 * @param at                      the {@code @} modifier, or null
 * @param anchored                the experimental {@code anchored} modifier
 * @param smoothed                the experimental {@code smoothed} modifier
 * @param bypassEmptyMatcherCheck set for the second argument of {@code info()}, which may match the empty string
 * @param positionRange           where it was written, including its modifiers
 */
public record VectorSelector(String name, List<Matcher> matchers, Duration originalOffset,
                             DurationExpr originalOffsetExpr, AtModifier at, boolean anchored, boolean smoothed,
                             boolean bypassEmptyMatcherCheck, PositionRange positionRange) implements Expr {
    public VectorSelector {
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(originalOffset, "originalOffset");
    }

    /** A plain selector without modifiers. */
    public VectorSelector(String name, List<Matcher> matchers, PositionRange positionRange) {
        this(name, matchers, Duration.ZERO, null, null, false, false, false, positionRange);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    /** Whether an offset was given, as a literal or as an expression. */
    public boolean hasOffset() {
        return !originalOffset.isZero() || originalOffsetExpr != null;
    }

    public VectorSelector withOffset(Duration offset, DurationExpr offsetExpr, PositionRange range) {
        return new VectorSelector(name, matchers, offset, offsetExpr, at, anchored, smoothed,
                bypassEmptyMatcherCheck, range);
    }

    public VectorSelector withAt(AtModifier newAt, PositionRange range) {
        return new VectorSelector(name, matchers, originalOffset, originalOffsetExpr, newAt, anchored, smoothed,
                bypassEmptyMatcherCheck, range);
    }

    public VectorSelector withAnchored(boolean newAnchored, boolean newSmoothed, PositionRange range) {
        return new VectorSelector(name, matchers, originalOffset, originalOffsetExpr, at, newAnchored, newSmoothed,
                bypassEmptyMatcherCheck, range);
    }

    public VectorSelector withBypassEmptyMatcherCheck(boolean bypass) {
        return new VectorSelector(name, matchers, originalOffset, originalOffsetExpr, at, anchored, smoothed,
                bypass, positionRange);
    }

    public VectorSelector withPositionRange(PositionRange range) {
        return new VectorSelector(name, matchers, originalOffset, originalOffsetExpr, at, anchored, smoothed,
                bypassEmptyMatcherCheck, range);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
