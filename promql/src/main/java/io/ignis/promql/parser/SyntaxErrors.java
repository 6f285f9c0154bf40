package io.ignis.promql.parser;

import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.parser.generated.PromQLParser;
import io.ignis.promql.parser.generated.PromQLParser.AggregateExprContext;
import io.ignis.promql.parser.generated.PromQLParser.AtModifierContext;
import io.ignis.promql.parser.generated.PromQLParser.FunctionCallBodyContext;
import io.ignis.promql.parser.generated.PromQLParser.GroupingLabelContext;
import io.ignis.promql.parser.generated.PromQLParser.GroupingLabelsContext;
import io.ignis.promql.parser.generated.PromQLParser.LabelMatcherContext;
import io.ignis.promql.parser.generated.PromQLParser.LabelMatchersContext;
import io.ignis.promql.parser.generated.PromQLParser.OffsetDurationContext;
import io.ignis.promql.parser.generated.PromQLParser.RangeDurationContext;
import io.ignis.promql.parser.generated.PromQLParser.RangeOrSubqueryContext;
import io.ignis.promql.parser.generated.PromQLParser.StepDurationContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a syntax error into Prometheus's wording. Prometheus's yacc grammar has {@code error} productions in a
 * few rules (aggregations, grouping labels, label matchers, offset, {@code @}, ranges and subqueries); on a syntax
 * error the innermost enclosing one reports {@code unexpected <token> in <context>, expected <what>}, and
 * without one the message is just {@code unexpected <token>}. Here the ANTLR rule stack at the error stands in
 * for yacc's state stack.
 */
final class SyntaxErrors {
    private SyntaxErrors() {
    }

    /**
     * @param previous the token before {@code offending}, or null: ANTLR may detect an error a token late (in a
     *                 loop's prediction), so where a rule's children and the previous token disagree, the token
     *                 decides
     */
    static ParseError describe(Token offending, Token previous, ParserRuleContext innermost) {
        String unexpected = "unexpected " + describe(offending);
        PositionRange at = AstBuilder.range(offending);
        ParseTree inProgress = null;
        for (ParserRuleContext ctx = innermost; ctx != null; inProgress = ctx, ctx = ctx.getParent()) {
            List<ParseTree> done = completed(ctx, inProgress);
            String context = context(ctx, done, inProgress, previous);
            if (context != null) {
                return new ParseError(at, unexpected + context);
            }
        }
        return new ParseError(at, unexpected);
    }

    /** The children of {@code ctx} parsed before the error, without the rule still in progress. */
    private static List<ParseTree> completed(ParserRuleContext ctx, ParseTree inProgress) {
        List<ParseTree> children = new ArrayList<>();
        if (ctx.children != null) {
            for (ParseTree child : ctx.children) {
                if (child != inProgress) {
                    children.add(child);
                }
            }
        }
        return children;
    }

    /** " in X, expected Y" when {@code ctx} has an error production at this point, else null. */
    private static String context(ParserRuleContext ctx, List<ParseTree> done, ParseTree inProgress,
                                  Token previous) {
        boolean afterSeparator = previous != null && (previous.getType() == PromQLParser.COMMA
                || previous.getType() == PromQLParser.LEFT_PAREN || previous.getType() == PromQLParser.LEFT_BRACE);
        ParseTree last = done.isEmpty() ? null : done.get(done.size() - 1);
        if (ctx instanceof LabelMatcherContext) {
            if (done.isEmpty()) {
                return " in label matching, expected identifier or \"}\"";
            }
            if (done.size() == 1) {
                return isToken(last, PromQLParser.STRING) ? " in label matching, expected \",\" or \"}\""
                        : " in label matching, expected label matching operator";
            }
            return " in label matching, expected string";
        }
        if (ctx instanceof LabelMatchersContext) {
            if (last instanceof LabelMatcherContext && !afterSeparator) {
                return " in label matching, expected \",\" or \"}\"";
            }
            return " in label matching, expected identifier or \"}\"";
        }
        if (ctx instanceof GroupingLabelContext) {
            return " in grouping opts, expected label";
        }
        if (ctx instanceof GroupingLabelsContext) {
            if (done.isEmpty()) {
                return " in grouping opts, expected \"(\"";
            }
            if (last instanceof GroupingLabelContext && !afterSeparator) {
                return " in grouping opts, expected \",\" or \")\"";
            }
            return " in grouping opts, expected label";
        }
        if (ctx instanceof OffsetDurationContext) {
            return " in offset, expected number, duration, step(), or range()";
        }
        if (ctx instanceof AtModifierContext) {
            return " in @, expected timestamp";
        }
        if (ctx instanceof RangeOrSubqueryContext) {
            return rangeContext(done, inProgress);
        }
        if (ctx instanceof AggregateExprContext && (inProgress instanceof FunctionCallBodyContext
                || last instanceof PromQLParser.AggregateModifierContext)) {
            return " in aggregation";
        }
        return null;
    }

    private static String rangeContext(List<ParseTree> done, ParseTree inProgress) {
        if (inProgress instanceof RangeDurationContext || done.size() <= 2) {
            return " in subquery or range selector, expected number, duration, step(), or range()";
        }
        if (inProgress instanceof StepDurationContext) {
            return " in subquery selector, expected number, duration, step(), range(), or \"]\"";
        }
        ParseTree last = done.get(done.size() - 1);
        if (last instanceof RangeDurationContext) {
            return " in subquery or range, expected \":\" or \"]\"";
        }
        if (isToken(last, PromQLParser.COLON)) {
            return " in subquery selector, expected number, duration, step(), range(), or \"]\"";
        }
        return " in subquery selector, expected \"]\"";
    }

    private static boolean isToken(ParseTree tree, int type) {
        return tree instanceof TerminalNode t && t.getSymbol().getType() == type;
    }

    /** Prometheus's description of a token: {@code <op:*>}, {@code identifier "foo"}, {@code end of input}. */
    static String describe(Token t) {
        String text = t.getText();
        return switch (t.getType()) {
            case Token.EOF -> "end of input";
            case PromQLParser.IDENTIFIER -> "identifier " + GoQuote.string(text);
            case PromQLParser.METRIC_IDENTIFIER -> "metric identifier " + GoQuote.string(text);
            case PromQLParser.STRING -> "string " + shortQuoted(text);
            case PromQLParser.NUMBER -> "number " + shortQuoted(text);
            case PromQLParser.DURATION -> "duration " + shortQuoted(text);
            case PromQLParser.BOOL, PromQLParser.BY, PromQLParser.GROUP_LEFT, PromQLParser.GROUP_RIGHT,
                    PromQLParser.GROUP_LEFT_BARE, PromQLParser.GROUP_RIGHT_BARE,
                    PromQLParser.FILL, PromQLParser.FILL_LEFT, PromQLParser.FILL_RIGHT, PromQLParser.IGNORING,
                    PromQLParser.OFFSET, PromQLParser.SMOOTHED, PromQLParser.ANCHORED, PromQLParser.ON,
                    PromQLParser.WITHOUT -> "<" + text + ">";
            case PromQLParser.ADD, PromQLParser.DIV, PromQLParser.EQLC, PromQLParser.EQL_REGEX, PromQLParser.GTE,
                    PromQLParser.GTR, PromQLParser.TRIM_UPPER, PromQLParser.TRIM_LOWER, PromQLParser.LAND,
                    PromQLParser.LOR, PromQLParser.LSS, PromQLParser.LTE, PromQLParser.LUNLESS, PromQLParser.MOD,
                    PromQLParser.MUL, PromQLParser.NEQ, PromQLParser.NEQ_REGEX, PromQLParser.POW, PromQLParser.SUB,
                    PromQLParser.AT, PromQLParser.ATAN2 -> "<op:" + text + ">";
            case PromQLParser.AVG, PromQLParser.BOTTOMK, PromQLParser.COUNT, PromQLParser.COUNT_VALUES,
                    PromQLParser.GROUP, PromQLParser.MAX, PromQLParser.MIN, PromQLParser.QUANTILE,
                    PromQLParser.STDDEV, PromQLParser.STDVAR, PromQLParser.SUM, PromQLParser.TOPK,
                    PromQLParser.LIMITK, PromQLParser.LIMIT_RATIO -> "<aggr:" + text + ">";
            default -> shortQuoted(text);
        };
    }

    /** Go's {@code %q}, or {@code %.10q...} (the first 10 runes) for values longer than 10 bytes. */
    private static String shortQuoted(String text) {
        if (Lexer.utf8(text).length <= 10) {
            return GoQuote.string(text);
        }
        int cut = text.offsetByCodePoints(0, Math.min(10, text.codePointCount(0, text.length())));
        return GoQuote.string(text.substring(0, cut)) + "...";
    }
}
