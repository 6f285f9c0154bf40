package io.ignis.promql.parser;

import io.ignis.labels.Matcher;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.parser.generated.PromQLParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses PromQL. Stateless and thread-safe; every method throws {@link ParseException} (and nothing else) for
 * bad input, with Prometheus's message and position.
 */
public final class PromqlParser {
    private PromqlParser() {
    }

    /** Parses and type-checks an expression. */
    public static Expr parse(String query, ParserOptions options) {
        List<ParseError> errors = new ArrayList<>();
        Lexer lexer = new Lexer(query);
        PromQLParser parser = newParser(lexer);
        if (parser.getTokenStream().LA(1) == Token.EOF && lexer.error() == null) {
            throw new ParseException(new PositionRange(0, 0), query, "no expression found in input");
        }
        PromQLParser.ExpressionContext tree = run(query, lexer, parser, () -> parser.expression());
        Expr expr = new AstBuilder(options, errors).expr(tree.expr());
        failOnErrors(query, errors);
        Expr checked = new Checker(query, errors).check(expr);
        failOnErrors(query, errors);
        return checked;
    }

    /** Parses with {@link ParserOptions#defaults()}. */
    public static Expr parse(String query) {
        return parse(query, ParserOptions.defaults());
    }

    /**
     * Parses a series selector such as {@code up{job="x"}} or {@code {"my.metric"}}, as the API's
     * {@code match[]} parameters are parsed, and returns its matchers (the metric name last when written before
     * the braces). Unlike {@link #parse}, a selector that matches everything is not rejected here.
     */
    public static List<Matcher> parseMetricSelector(String selector) {
        List<ParseError> errors = new ArrayList<>();
        Lexer lexer = new Lexer(selector);
        PromQLParser parser = newParser(lexer);
        PromQLParser.MetricSelectorContext tree = run(selector, lexer, parser, () -> parser.metricSelector());
        List<Matcher> matchers = new AstBuilder(ParserOptions.defaults(), errors).metricSelector(
                tree.vectorSelector());
        failOnErrors(selector, errors);
        return matchers;
    }

    /**
     * Parses a duration as Prometheus's {@code model.ParseDuration}: {@code 1h30m}, {@code 5m}, {@code 90s},
     * {@code 1y}, {@code 100ms}, or {@code 0}.
     *
     * @throws IllegalArgumentException with Prometheus's message, e.g. {@code not a valid duration string: "5"}
     */
    public static Duration parseDuration(String s) {
        return GoNumbers.parseDuration(s);
    }

    private static PromQLParser newParser(Lexer lexer) {
        PromQLParser parser = new PromQLParser(new BufferedTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        return parser;
    }

    private interface Rule<T> {
        T parse();
    }

    private static <T extends ParserRuleContext> T run(String query, Lexer lexer, PromQLParser parser, Rule<T> rule) {
        try {
            T tree = rule.parse();
            Lexer.Error lexError = lexer.error();
            if (lexError != null) {
                // The lexer ended the input early, so what parsed was only a prefix of the query.
                throw new ParseException(new PositionRange(lexError.bytePos(), lexer.byteLength()), query,
                        lexError.message());
            }
            return tree;
        } catch (SyntaxError e) {
            Lexer.Error lexError = lexer.error();
            if (lexError != null && e.offending.getType() == Token.EOF) {
                throw new ParseException(new PositionRange(lexError.bytePos(), lexer.byteLength()), query,
                        lexError.message());
            }
            int index = e.offending.getTokenIndex();
            Token previous = index > 0 ? parser.getTokenStream().get(index - 1) : null;
            ParseError error = SyntaxErrors.describe(e.offending, previous, e.context);
            throw new ParseException(error.positionRange(), query, error.message());
        } catch (StackOverflowError e) {
            throw new ParseException(new PositionRange(0, 0), query, "expression nested too deeply");
        }
    }

    private static void failOnErrors(String query, List<ParseError> errors) {
        if (!errors.isEmpty()) {
            ParseError first = errors.get(0);
            throw new ParseException(first.positionRange(), query, first.message());
        }
    }

    /** Stops at the first syntax error, remembering the offending token and the rule it happened in. */
    private static final class BailStrategy extends DefaultErrorStrategy {
        @Override
        public void reportError(Parser recognizer, RecognitionException e) {
            throw new SyntaxError(offending(recognizer, e), recognizer.getContext());
        }

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            throw new SyntaxError(offending(recognizer, e), recognizer.getContext());
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            InputMismatchException e = new InputMismatchException(recognizer);
            throw new SyntaxError(offending(recognizer, e), recognizer.getContext());
        }

        @Override
        public void sync(Parser recognizer) {
            // Errors surface where a token fails to match, as in Prometheus, not at loop entry.
        }

        private static Token offending(Parser recognizer, RecognitionException e) {
            Token t = e.getOffendingToken();
            return t != null ? t : recognizer.getCurrentToken();
        }
    }

    private static final class SyntaxError extends RuntimeException {
        final transient Token offending;
        final transient ParserRuleContext context;

        SyntaxError(Token offending, ParserRuleContext context) {
            super(null, null, false, false);
            this.offending = offending;
            this.context = context;
        }
    }
}
