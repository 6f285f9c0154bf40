package io.ignis.promql.parser;

import io.ignis.promql.parser.generated.PromQLParser;
import io.ignis.promql.parser.generated.PromQLParser.ExprContext;
import io.ignis.promql.parser.generated.PromQLParser.FunctionCallBodyContext;
import io.ignis.promql.parser.generated.PromQLParser.NumberDurationLiteralContext;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The semantic errors of what parsed completely before a syntax error. Prometheus's yacc parser builds (and
 * checks) each expression as soon as it is complete, so an unknown function or a bad number that comes before
 * a syntax error is the error it reports. A rule on the stack at the error is incomplete; every other rule in
 * the partial tree is complete.
 */
final class PartialTree {
    private PartialTree() {
    }

    static List<ParseError> errorsBefore(ParserRuleContext innermost, Token offending, PromQLParser parser,
                                         ParserOptions options) {
        List<ParserRuleContext> stack = new ArrayList<>();
        Map<ParseTree, Boolean> onStack = new IdentityHashMap<>();
        for (ParserRuleContext ctx = innermost; ctx != null; ctx = ctx.getParent()) {
            stack.add(0, ctx);
            onStack.put(ctx, Boolean.TRUE);
        }
        List<ParseError> errors = new ArrayList<>();
        AstBuilder builder = new AstBuilder(options, errors, parser.getTokenStream());
        ParserRuleContext innermostExpr = stack.get(stack.size() - 1);
        List<ParseError> innermostErrors = new ArrayList<>();
        boolean innermostComplete = innermostExpr instanceof ExprContext e
                && buildsCompletely(e, options, parser, innermostErrors);
        for (ParserRuleContext ctx : stack) {
            if (ctx.children == null || (innermostComplete && ctx == innermostExpr)) {
                continue;
            }
            for (ParseTree child : ctx.children) {
                if (onStack.containsKey(child)) {
                    continue;
                }
                if (child instanceof ExprContext e) {
                    builder.expr(e);
                } else {
                    numbers(child, builder);
                }
            }
        }
        errors.addAll(innermostErrors);
        trailingComma(stack, offending, parser, builder);
        return errors;
    }

    /**
     * Whether the innermost expression was complete: the error was found deciding what follows it. Its
     * errors are kept only if it builds.
     */
    private static boolean buildsCompletely(ExprContext e, ParserOptions options, PromQLParser parser,
                                            List<ParseError> errors) {
        List<ParseError> own = new ArrayList<>();
        try {
            new AstBuilder(options, own, parser.getTokenStream()).expr(e);
        } catch (RuntimeException incomplete) {
            return false;
        }
        errors.addAll(own);
        return true;
    }

    /** Numbers and durations are checked as soon as they are read, also inside incomplete expressions. */
    private static void numbers(ParseTree tree, AstBuilder builder) {
        if (tree instanceof NumberDurationLiteralContext n) {
            builder.numberLiteral(n);
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            numbers(tree.getChild(i), builder);
        }
    }

    /**
     * A comma right before the offending token inside a call's arguments: Prometheus reduces the argument list
     * with its trailing comma (an error) before it notices the token after it.
     */
    private static void trailingComma(List<ParserRuleContext> stack, Token offending, PromQLParser parser,
                                      AstBuilder builder) {
        int index = offending.getTokenIndex();
        if (index <= 0 || offending.getType() == Token.EOF) {
            // At end of input (or a lexing error, which ends it) Prometheus reads the token after the comma
            // first, so a lexing error there comes first.
            return;
        }
        Token previous = parser.getTokenStream().get(index - 1);
        if (previous.getType() != PromQLParser.COMMA) {
            return;
        }
        ParserRuleContext innermost = stack.get(stack.size() - 1);
        if (innermost instanceof FunctionCallBodyContext body && !body.expr().isEmpty()) {
            // The error was found while deciding what follows the comma, before consuming it.
            builder.error(AstBuilder.range(previous), "trailing commas not allowed in function call args");
            return;
        }
        for (ParserRuleContext ctx : stack) {
            if (ctx instanceof FunctionCallBodyContext body && !body.expr().isEmpty()) {
                for (TerminalNode comma : body.COMMA()) {
                    if (comma.getSymbol() == previous) {
                        builder.error(AstBuilder.range(previous), "trailing commas not allowed in function call args");
                    }
                }
            }
        }
    }
}
