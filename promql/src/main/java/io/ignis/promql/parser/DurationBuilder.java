package io.ignis.promql.parser;

import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.DurationOp;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.parser.generated.PromQLParser;
import io.ignis.promql.parser.generated.PromQLParser.DurationBinaryContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationExprContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationLiteralContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationMinMaxContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationParenContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationStepOrRangeContext;
import io.ignis.promql.parser.generated.PromQLParser.DurationUnaryContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetDurationContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetDurationExprContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetLiteralContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetMinMaxContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetSignedParenContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetStepOrRangeContext;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Builds duration expressions (ranges, subquery steps, offsets) as Prometheus's grammar actions do: a plain
 * number stays a {@link NumberLiteral} (a sign folded in), anything else becomes a {@link DurationExpr};
 * parentheses around a number become a unary-plus expression so printing keeps them.
 */
final class DurationBuilder {
    private final ParserOptions options;
    private final List<ParseError> errors;
    private final AstBuilder ast;

    DurationBuilder(ParserOptions options, List<ParseError> errors, AstBuilder ast) {
        this.options = options;
        this.errors = errors;
        this.ast = ast;
    }

    private void error(PositionRange r, String message) {
        errors.add(new ParseError(r, message));
    }

    /** An offset modifier applied to {@code base}. */
    Expr offset(Expr base, OffsetDurationContext c, int end) {
        Expr offset = offsetDuration(c);
        return Modifiers.offset(ast, base, offset, end);
    }

    private Expr offsetDuration(OffsetDurationContext c) {
        if (c instanceof OffsetLiteralContext l) {
            NumberLiteral n = ast.numberLiteral(l.numberDurationLiteral());
            Token sign = l.sign;
            if (sign == null) {
                return checkRange(n, n.positionRange());
            }
            double v = sign.getType() == PromQLParser.SUB ? -n.value() : n.value();
            NumberLiteral signed = new NumberLiteral(v, n.duration(),
                    new PositionRange(sign.getStartIndex(), n.positionRange().end()));
            return checkRange(signed, AstBuilder.range(sign));
        } else if (c instanceof OffsetStepOrRangeContext s) {
            Token kw = s.STEP() != null ? s.STEP().getSymbol() : s.RANGE().getSymbol();
            DurationExpr inner = leaf(kw, s.RIGHT_PAREN().getSymbol());
            return experimental(signed(s.sign, inner));
        } else if (c instanceof OffsetMinMaxContext m) {
            Token kw = m.MAX_OF() != null ? m.MAX_OF().getSymbol() : m.MIN_OF().getSymbol();
            DurationExpr inner = minMax(kw, duration(m.durationExpr(0)), duration(m.durationExpr(1)));
            return experimental(signed(m.sign, inner));
        } else if (c instanceof OffsetSignedParenContext p) {
            return applyUnary(p.sign, duration(p.durationExpr()), true);
        } else if (c instanceof OffsetDurationExprContext d) {
            Expr e = duration(d.durationExpr());
            greedyOperator(d.stop);
            return e;
        }
        throw new IllegalStateException("bug: unhandled offset " + c.getClass().getSimpleName());
    }

    /**
     * After an offset written as a parenthesised duration, Prometheus's parser takes an arithmetic operator as part
     * of the duration ({@code foo offset (1h) * 2} is an offset of 2h), so when what follows the operator cannot
     * continue a duration, that is an error in the offset there, not a binary operation on the selector.
     */
    private void greedyOperator(Token last) {
        Token op = ast.next(last);
        switch (op.getType()) {
            case PromQLParser.ADD, PromQLParser.SUB, PromQLParser.MUL, PromQLParser.DIV, PromQLParser.MOD,
                    PromQLParser.POW -> {
                Token after = ast.next(op);
                error(AstBuilder.range(after), "unexpected " + SyntaxErrors.describe(after)
                        + " in offset, expected number, duration, step(), or range()");
            }
            default -> {
            }
        }
    }

    private Expr signed(Token sign, DurationExpr inner) {
        if (sign == null) {
            return inner;
        }
        DurationOp op = sign.getType() == PromQLParser.SUB ? DurationOp.SUB : DurationOp.ADD;
        return new DurationExpr(op, null, inner, false,
                new PositionRange(sign.getStartIndex(), inner.positionRange().end()));
    }

    /** A range or step inside brackets: literals must be positive. */
    Expr positive(DurationExprContext c) {
        Expr d = duration(c);
        if (d instanceof NumberLiteral n && n.value() <= 0) {
            error(n.positionRange(), "duration must be greater than 0");
            return new NumberLiteral(0, n.positionRange());
        }
        return d;
    }

    Expr duration(DurationExprContext c) {
        if (c instanceof DurationLiteralContext l) {
            NumberLiteral n = ast.numberLiteral(l.numberDurationLiteral());
            return checkRange(n, n.positionRange());
        } else if (c instanceof DurationUnaryContext u) {
            return applyUnary(u.op, duration(u.durationExpr()), false);
        } else if (c instanceof DurationBinaryContext b) {
            return binary(b);
        } else if (c instanceof DurationStepOrRangeContext s) {
            return experimental(leaf(s.op, s.RIGHT_PAREN().getSymbol()));
        } else if (c instanceof DurationMinMaxContext m) {
            return experimental(minMax(m.op, duration(m.durationExpr(0)), duration(m.durationExpr(1))));
        } else if (c instanceof DurationParenContext p) {
            Expr inner = duration(p.durationExpr());
            experimental(inner);
            return wrap(inner, p.LEFT_PAREN().getSymbol().getStartIndex(), AstBuilder.end(p.RIGHT_PAREN().getSymbol()));
        }
        throw new IllegalStateException("bug: unhandled duration " + c.getClass().getSimpleName());
    }

    private Expr binary(DurationBinaryContext b) {
        Expr lhs = duration(b.durationExpr(0));
        Expr rhs = duration(b.durationExpr(1));
        experimental(lhs);
        DurationOp op = AstBuilder.durationOp(b.op);
        if ((op == DurationOp.DIV || op == DurationOp.MOD) && rhs instanceof NumberLiteral n && n.value() == 0) {
            error(AstBuilder.range(b.op), op == DurationOp.DIV ? "division by zero" : "modulo by zero");
            return new NumberLiteral(0, PositionRange.UNKNOWN);
        }
        return new DurationExpr(op, lhs, rhs, false, lhs.positionRange().to(rhs.positionRange()));
    }

    private static DurationExpr leaf(Token keyword, Token close) {
        return new DurationExpr(AstBuilder.durationOp(keyword), null, null, false,
                new PositionRange(keyword.getStartIndex(), AstBuilder.end(close)));
    }

    private static DurationExpr minMax(Token keyword, Expr lhs, Expr rhs) {
        // Prometheus's position of min_of/max_of spans its operands only.
        return new DurationExpr(AstBuilder.durationOp(keyword), lhs, rhs, false,
                lhs.positionRange().to(rhs.positionRange()));
    }

    private Expr checkRange(NumberLiteral n, PositionRange errorRange) {
        if (GoMath.durationOutOfRange(n.value())) {
            error(errorRange, "duration out of range");
            return new NumberLiteral(0, PositionRange.UNKNOWN);
        }
        return n;
    }

    private <T extends Expr> T experimental(T e) {
        if (!options.durationExpressions()) {
            error(e.positionRange(), "experimental duration expression is not enabled");
        }
        return e;
    }

    /** Marks a parenthesised duration; a bare number becomes a wrapped unary plus. */
    private static Expr wrap(Expr e, int start, int end) {
        if (e instanceof DurationExpr d) {
            return d.withWrapped(true, d.positionRange());
        }
        return new DurationExpr(DurationOp.ADD, null, e, true, new PositionRange(start, e.positionRange().end()));
    }

    private Expr applyUnary(Token op, Expr e, boolean wrapped) {
        if (wrapped) {
            PositionRange r = e.positionRange();
            e = wrap(e, r.start(), r.end());
        }
        boolean negative = op.getType() == PromQLParser.SUB;
        if (e instanceof DurationExpr d) {
            if (negative) {
                return new DurationExpr(DurationOp.SUB, null, d, false,
                        new PositionRange(op.getStartIndex(), d.positionRange().end()));
            }
            return d;
        }
        NumberLiteral n = (NumberLiteral) e;
        double v = negative ? -n.value() : n.value();
        if (GoMath.durationOutOfRange(v)) {
            error(AstBuilder.range(op), "duration out of range");
            return new NumberLiteral(0, PositionRange.UNKNOWN);
        }
        return new NumberLiteral(v, n.duration(), new PositionRange(op.getStartIndex(), n.positionRange().end()));
    }
}
