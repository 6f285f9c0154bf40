package io.ignis.promql.parser;

import com.google.re2j.PatternSyntaxException;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.BinaryOp;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.DurationOp;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.FillValues;
import io.ignis.promql.ast.Function;
import io.ignis.promql.ast.Functions;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.UnaryOp;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorMatchCardinality;
import io.ignis.promql.ast.VectorMatching;
import io.ignis.promql.ast.VectorSelector;
import io.ignis.promql.parser.generated.PromQLParser;
import io.ignis.promql.parser.generated.PromQLParser.AggregateExprContext;
import io.ignis.promql.parser.generated.PromQLParser.AnchoredExprContext;
import io.ignis.promql.parser.generated.PromQLParser.AtExprContext;
import io.ignis.promql.parser.generated.PromQLParser.BinModifiersContext;
import io.ignis.promql.parser.generated.PromQLParser.BinaryExprContext;
import io.ignis.promql.parser.generated.PromQLParser.CallExprContext;
import io.ignis.promql.parser.generated.PromQLParser.ExprContext;
import io.ignis.promql.parser.generated.PromQLParser.FillModifiersContext;
import io.ignis.promql.parser.generated.PromQLParser.FillValueContext;
import io.ignis.promql.parser.generated.PromQLParser.FunctionCallBodyContext;
import io.ignis.promql.parser.generated.PromQLParser.GroupingLabelContext;
import io.ignis.promql.parser.generated.PromQLParser.GroupingLabelsContext;
import io.ignis.promql.parser.generated.PromQLParser.LabelMatcherContext;
import io.ignis.promql.parser.generated.PromQLParser.LabelMatchersContext;
import io.ignis.promql.parser.generated.PromQLParser.NumberDurationLiteralContext;
import io.ignis.promql.parser.generated.PromQLParser.NumberLiteralContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetExprContext;
import io.ignis.promql.parser.generated.PromQLParser.ParenExprContext;
import io.ignis.promql.parser.generated.PromQLParser.RangeOrSubqueryContext;
import io.ignis.promql.parser.generated.PromQLParser.SelectorExprContext;
import io.ignis.promql.parser.generated.PromQLParser.SmoothedExprContext;
import io.ignis.promql.parser.generated.PromQLParser.StringLiteralContext;
import io.ignis.promql.parser.generated.PromQLParser.UnaryExprContext;
import io.ignis.promql.parser.generated.PromQLParser.VectorSelectorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the AST from a parse tree that parsed without syntax errors, collecting the semantic errors that
 * Prometheus's grammar actions report (unknown functions, misplaced modifiers, bad durations), in the order the
 * actions would run. Duration expressions are built by {@link DurationBuilder}.
 */
final class AstBuilder {
    private final ParserOptions options;
    private final List<ParseError> errors;
    private final DurationBuilder durations;
    private final TokenStream tokens;

    AstBuilder(ParserOptions options, List<ParseError> errors, TokenStream tokens) {
        this.options = options;
        this.errors = errors;
        this.tokens = tokens;
        this.durations = new DurationBuilder(options, errors, this);
    }

    /** The token after {@code t}. */
    Token next(Token t) {
        return tokens.get(t.getTokenIndex() + 1);
    }

    void error(PositionRange range, String message) {
        errors.add(new ParseError(range, message));
    }

    private void errorAfterLookahead(PositionRange range, String message) {
        errors.add(new ParseError(range, message, true));
    }

    static PositionRange range(Token t) {
        return new PositionRange(t.getStartIndex(), t.getStopIndex() + 1);
    }

    static PositionRange range(ParserRuleContext ctx) {
        return new PositionRange(ctx.start.getStartIndex(), ctx.stop.getStopIndex() + 1);
    }

    static int end(Token t) {
        return t.getStopIndex() + 1;
    }

    Expr expr(ExprContext ctx) {
        if (ctx instanceof BinaryExprContext c) {
            return binary(c);
        } else if (ctx instanceof SelectorExprContext c) {
            return vectorSelector(c.vectorSelector());
        } else if (ctx instanceof NumberLiteralContext c) {
            return numberLiteral(c.numberDurationLiteral());
        } else if (ctx instanceof StringLiteralContext c) {
            return new StringLiteral(unquote(c.STRING().getSymbol()), range(c.STRING().getSymbol()));
        } else if (ctx instanceof CallExprContext c) {
            return call(c);
        } else if (ctx instanceof AggregateExprContext c) {
            return aggregate(c);
        } else if (ctx instanceof ParenExprContext c) {
            return new ParenExpr(expr(c.expr()), range(c));
        } else if (ctx instanceof UnaryExprContext c) {
            return unary(c);
        } else if (ctx instanceof RangeOrSubqueryContext c) {
            return c.COLON() == null ? matrixSelector(c) : subquery(c);
        } else if (ctx instanceof OffsetExprContext c) {
            return durations.offset(expr(c.expr()), c.offsetDuration(), end(c.stop));
        } else if (ctx instanceof AtExprContext c) {
            return Modifiers.at(this, expr(c.expr()), c.atModifier(), end(c.stop));
        } else if (ctx instanceof AnchoredExprContext c) {
            return Modifiers.anchoredOrSmoothed(this, expr(c.expr()), true, options.extendedRangeSelectors());
        } else if (ctx instanceof SmoothedExprContext c) {
            return Modifiers.anchoredOrSmoothed(this, expr(c.expr()), false, options.extendedRangeSelectors());
        }
        throw new IllegalStateException("bug: unhandled expression " + ctx.getClass().getSimpleName());
    }

    private Expr unary(UnaryExprContext c) {
        Expr operand = expr(c.expr());
        boolean negative = c.op.getType() == PromQLParser.SUB;
        PositionRange r = new PositionRange(c.op.getStartIndex(), operand.positionRange().end());
        if (operand instanceof NumberLiteral n) {
            // As Prometheus: a sign before a number literal becomes part of the number.
            return new NumberLiteral(negative ? -n.value() : n.value(), n.duration(), r);
        }
        return new UnaryExpr(negative ? UnaryOp.SUB : UnaryOp.ADD, operand, r);
    }

    private Expr binary(BinaryExprContext c) {
        Expr lhs = expr(c.expr(0));
        BinaryOp op = binaryOp(c.op);
        BinModifiersContext m = c.binModifiers();
        boolean returnBool = m.BOOL() != null;
        VectorMatchCardinality card = VectorMatchCardinality.ONE_TO_ONE;
        List<String> matching = List.of();
        boolean on = false;
        List<String> include = List.of();
        if (m.onOrIgnoring() != null) {
            on = m.onOrIgnoring().ON() != null;
            matching = groupingLabels(m.onOrIgnoring().groupingLabels());
            if (m.groupModifier() != null) {
                PromQLParser.GroupModifierContext g = m.groupModifier();
                card = g.GROUP_LEFT() != null || g.GROUP_LEFT_BARE() != null
                        ? VectorMatchCardinality.MANY_TO_ONE : VectorMatchCardinality.ONE_TO_MANY;
                if (m.groupModifier().groupingLabels() != null) {
                    include = groupingLabels(m.groupModifier().groupingLabels());
                }
            }
        }
        FillValues fill = m.fillModifiers() == null ? FillValues.NONE : fill(m.fillModifiers());
        Expr rhs = expr(c.expr(1));
        BinaryExpr result = new BinaryExpr(op, lhs, rhs, new VectorMatching(card, matching, on, include, fill),
                returnBool);
        if (!options.fillModifiers() && !fill.isEmpty()) {
            error(result.positionRange(), "binop fill modifiers are experimental and not enabled");
        }
        return result;
    }

    private FillValues fill(FillModifiersContext c) {
        List<FillValueContext> values = c.fillValue();
        double first = fillValue(values.get(0));
        if (c.FILL() != null) {
            return new FillValues(first, first);
        }
        Double second = values.size() > 1 ? fillValue(values.get(1)) : null;
        boolean leftFirst = c.getChild(0) instanceof TerminalNode t
                && t.getSymbol().getType() == PromQLParser.FILL_LEFT;
        return leftFirst ? new FillValues(first, second) : new FillValues(second, first);
    }

    private double fillValue(FillValueContext c) {
        double v = numberLiteral(c.numberDurationLiteral()).value();
        return c.SUB() != null ? -v : v;
    }

    static BinaryOp binaryOp(Token t) {
        return switch (t.getType()) {
            case PromQLParser.ADD -> BinaryOp.ADD;
            case PromQLParser.SUB -> BinaryOp.SUB;
            case PromQLParser.MUL -> BinaryOp.MUL;
            case PromQLParser.DIV -> BinaryOp.DIV;
            case PromQLParser.MOD -> BinaryOp.MOD;
            case PromQLParser.POW -> BinaryOp.POW;
            case PromQLParser.ATAN2 -> BinaryOp.ATAN2;
            case PromQLParser.EQLC -> BinaryOp.EQLC;
            case PromQLParser.NEQ -> BinaryOp.NEQ;
            case PromQLParser.GTR -> BinaryOp.GTR;
            case PromQLParser.LSS -> BinaryOp.LSS;
            case PromQLParser.GTE -> BinaryOp.GTE;
            case PromQLParser.LTE -> BinaryOp.LTE;
            case PromQLParser.TRIM_UPPER -> BinaryOp.TRIM_UPPER;
            case PromQLParser.TRIM_LOWER -> BinaryOp.TRIM_LOWER;
            case PromQLParser.LAND -> BinaryOp.LAND;
            case PromQLParser.LOR -> BinaryOp.LOR;
            case PromQLParser.LUNLESS -> BinaryOp.LUNLESS;
            default -> throw new IllegalStateException("bug: not a binary operator: " + t.getText());
        };
    }

    List<String> groupingLabels(GroupingLabelsContext c) {
        List<String> labels = new ArrayList<>();
        for (GroupingLabelContext l : c.groupingLabel()) {
            String name;
            if (l.STRING() != null) {
                name = unquote(l.STRING().getSymbol());
                if (name.isEmpty()) {
                    error(range(l.STRING().getSymbol()), "invalid label name for grouping: " + GoQuote.string(name));
                }
            } else {
                name = l.getText();
            }
            labels.add(name);
        }
        return labels;
    }

    private Expr aggregate(AggregateExprContext c) {
        Token opToken = c.aggregateOp().start;
        AggregateOp op = AggregateOp.fromKeyword(opToken.getText());
        List<String> grouping = List.of();
        boolean without = false;
        if (c.aggregateModifier() != null) {
            without = c.aggregateModifier().WITHOUT() != null;
            grouping = groupingLabels(c.aggregateModifier().groupingLabels());
        }
        List<Expr> args = callArgs(c.functionCallBody());
        PositionRange r = new PositionRange(opToken.getStartIndex(), end(c.stop));
        if (args.isEmpty()) {
            errorAfterLookahead(r, "no arguments for aggregate expression provided");
            return new AggregateExpr(op, null, null, grouping, without, r);
        }
        int desiredArgs = 1;
        Expr param = null;
        if (op.hasParam()) {
            if (!options.experimentalFunctions() && op.isExperimental()) {
                errorAfterLookahead(r, op.keyword() + "() is experimental and must be enabled with "
                        + "--enable-feature=promql-experimental-functions");
                return new AggregateExpr(op, null, null, grouping, without, r);
            }
            desiredArgs = 2;
            param = args.get(0);
        }
        if (args.size() != desiredArgs) {
            errorAfterLookahead(r, "wrong number of arguments for aggregate expression provided, expected "
                    + desiredArgs + ", got " + args.size());
            return new AggregateExpr(op, null, param, grouping, without, r);
        }
        return new AggregateExpr(op, args.get(desiredArgs - 1), param, grouping, without, r);
    }

    private Expr call(CallExprContext c) {
        Token name = c.functionName().start;
        List<Expr> args = callArgs(c.functionCallBody());
        Function fn = Functions.get(name.getText());
        if (fn == null) {
            error(range(name), "unknown function with name " + GoQuote.string(name.getText()));
            fn = new Function(name.getText(), List.of(), -1, ValueType.VECTOR, false);
        } else if (fn.experimental() && !options.experimentalFunctions()) {
            error(range(name), "function " + GoQuote.string(name.getText()) + " is not enabled");
        }
        return new Call(fn, args, new PositionRange(name.getStartIndex(), end(c.stop)));
    }

    private List<Expr> callArgs(FunctionCallBodyContext c) {
        List<Expr> args = new ArrayList<>();
        for (ExprContext e : c.expr()) {
            args.add(expr(e));
        }
        List<TerminalNode> commas = c.COMMA();
        if (!args.isEmpty() && commas.size() == args.size()) {
            error(range(commas.get(commas.size() - 1).getSymbol()),
                    "trailing commas not allowed in function call args");
        }
        return args;
    }

    private Expr matrixSelector(RangeOrSubqueryContext c) {
        Expr base = expr(c.expr());
        Token open = c.LEFT_BRACKET().getSymbol();
        Token close = c.RIGHT_BRACKET().getSymbol();
        Expr range = durations.positive(c.rangeDuration().durationExpr());
        String problem = null;
        if (!(base instanceof VectorSelector vs)) {
            problem = "ranges only allowed for vector selectors";
        } else if (vs.hasOffset()) {
            problem = "no offset modifiers allowed before range";
        } else if (vs.at() != null) {
            problem = "no @ modifiers allowed before range";
        }
        if (problem != null) {
            error(new PositionRange(open.getStartIndex(), end(close)), problem);
        }
        if (!(base instanceof VectorSelector vs)) {
            return base;
        }
        PositionRange r = new PositionRange(vs.positionRange().start(), end(close));
        if (range instanceof DurationExpr de) {
            return new MatrixSelector(vs, Duration.ZERO, de, r);
        }
        return new MatrixSelector(vs, GoMath.secondsToDuration(((NumberLiteral) range).value()), null, r);
    }

    private Expr subquery(RangeOrSubqueryContext c) {
        Expr base = expr(c.expr());
        Expr range = durations.positive(c.rangeDuration().durationExpr());
        Expr step = c.stepDuration() == null ? null : durations.positive(c.stepDuration().durationExpr());
        Duration rangeValue = range instanceof NumberLiteral n ? GoMath.secondsToDuration(n.value()) : Duration.ZERO;
        Duration stepValue = step instanceof NumberLiteral n ? GoMath.secondsToDuration(n.value()) : Duration.ZERO;
        PositionRange r = new PositionRange(base.positionRange().start(), end(c.RIGHT_BRACKET().getSymbol()));
        return new SubqueryExpr(base, rangeValue, range instanceof DurationExpr d ? d : null, stepValue,
                step instanceof DurationExpr d ? d : null, Duration.ZERO, null, null, r);
    }

    private Expr vectorSelector(VectorSelectorContext c) {
        String name = c.metricIdentifier() == null ? "" : c.metricIdentifier().getText();
        List<Matcher> matchers = new ArrayList<>();
        if (c.labelMatchers() != null) {
            labelMatchers(c.labelMatchers(), matchers);
        }
        if (!name.isEmpty()) {
            matchers.add(Matcher.equal("__name__", name));
        }
        return new VectorSelector(name, matchers, range(c));
    }

    /** The matchers of a {@code metricSelector} (for {@code match[]}), in written order. */
    List<Matcher> metricSelector(VectorSelectorContext c) {
        return ((VectorSelector) vectorSelector(c)).matchers();
    }

    private void labelMatchers(LabelMatchersContext c, List<Matcher> out) {
        for (LabelMatcherContext m : c.labelMatcher()) {
            Matcher matcher = labelMatcher(m);
            if (matcher != null) {
                out.add(matcher);
            }
        }
    }

    private Matcher labelMatcher(LabelMatcherContext c) {
        List<TerminalNode> strings = c.STRING();
        if (c.matchOp() == null) {
            return newMatcher(MatchType.EQUAL, "__name__", unquote(strings.get(0).getSymbol()), range(c));
        }
        String name;
        Token value;
        if (c.IDENTIFIER() != null) {
            name = c.IDENTIFIER().getText();
            value = strings.get(0).getSymbol();
        } else {
            name = unquote(strings.get(0).getSymbol());
            value = strings.get(1).getSymbol();
        }
        MatchType type = switch (c.matchOp().start.getType()) {
            case PromQLParser.EQL -> MatchType.EQUAL;
            case PromQLParser.NEQ -> MatchType.NOT_EQUAL;
            case PromQLParser.EQL_REGEX -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        return newMatcher(type, name, unquote(value), range(c));
    }

    private Matcher newMatcher(MatchType type, String name, String value, PositionRange r) {
        try {
            return Matcher.of(type, name, value);
        } catch (IllegalArgumentException e) {
            String message = e.getCause() instanceof PatternSyntaxException p ? p.getMessage() : e.getMessage();
            error(r, message);
            return null;
        }
    }

    NumberLiteral numberLiteral(NumberDurationLiteralContext c) {
        Token t = c.start;
        PositionRange r = range(t);
        if (t.getType() == PromQLParser.NUMBER) {
            try {
                return new NumberLiteral(GoNumbers.parseNumber(t.getText()), false, r);
            } catch (NumberFormatException e) {
                error(r, "error parsing number: " + e.getMessage());
                return new NumberLiteral(0, false, r);
            }
        }
        try {
            Duration d = GoNumbers.parseDuration(t.getText());
            return new NumberLiteral(d.toNanos() / 1e9, true, r);
        } catch (IllegalArgumentException e) {
            error(r, e.getMessage());
            return new NumberLiteral(0, true, r);
        }
    }

    String unquote(Token t) {
        try {
            return Unquote.unquote(t.getText());
        } catch (IllegalArgumentException e) {
            error(range(t), "error unquoting string " + GoQuote.string(t.getText()) + ": " + e.getMessage());
            return "";
        }
    }

    static AtModifier startOrEnd(Token t) {
        return t.getType() == PromQLParser.START ? AtModifier.START : AtModifier.END;
    }

    static DurationOp durationOp(Token t) {
        return switch (t.getType()) {
            case PromQLParser.ADD -> DurationOp.ADD;
            case PromQLParser.SUB -> DurationOp.SUB;
            case PromQLParser.MUL -> DurationOp.MUL;
            case PromQLParser.DIV -> DurationOp.DIV;
            case PromQLParser.MOD -> DurationOp.MOD;
            case PromQLParser.POW -> DurationOp.POW;
            case PromQLParser.STEP -> DurationOp.STEP;
            case PromQLParser.RANGE -> DurationOp.RANGE;
            case PromQLParser.MIN_OF -> DurationOp.MIN_OF;
            case PromQLParser.MAX_OF -> DurationOp.MAX_OF;
            default -> throw new IllegalStateException("bug: not a duration operator: " + t.getText());
        };
    }
}
