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

    /**
     * Parses and type-checks an expression. An expression nested so deeply that the parser's recursion
     * overflows (thousands of levels) is rejected with "expression nested too deeply".
     */
    public static Expr parse(String query, ParserOptions options) {
        try {
            return parseChecked(query, options);
        } catch (StackOverflowError e) {
            throw tooDeep(query);
        }
    }

    private static ParseException tooDeep(String query) {
        return new ParseException(new PositionRange(0, 0), query, "expression nested too deeply");
    }

    private static Expr parseChecked(String query, ParserOptions options) {
        List<ParseError> errors = new ArrayList<>();
        Lexer lexer = new Lexer(query);
        PromQLParser parser = newParser(lexer);
        if (parser.getTokenStream().LA(1) == Token.EOF && lexer.error() == null) {
            throw new ParseException(new PositionRange(0, 0), query, "no expression found in input");
        }
        PromQLParser.ExpressionContext tree = run(query, lexer, parser, options, PromQLParser::expression);
        Expr expr = new AstBuilder(options, errors, parser.getTokenStream()).expr(tree.expr());
        failOnErrors(query, beforeLexerError(errors, lexer, parser));
        failOnLexerError(query, lexer);
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
        PromQLParser.MetricSelectorContext tree = run(selector, lexer, parser, ParserOptions.defaults(),
                PromQLParser::metricSelector);
        AstBuilder builder = new AstBuilder(ParserOptions.defaults(), errors, parser.getTokenStream());
        List<Matcher> matchers = builder.metricSelector(tree.vectorSelector());
        failOnErrors(selector, errors);
        failOnLexerError(selector, lexer);
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
        // SLL decides with the tokens ahead only, as Prometheus's LALR(1) parser does, so errors surface where
        // Prometheus finds them; full LL is the fallback for the rare valid query SLL mispredicts.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        return parser;
    }

    private interface Rule<T> {
        T parse(PromQLParser parser);
    }

    private static <T extends ParserRuleContext> T run(String query, Lexer lexer, PromQLParser parser,
                                                       ParserOptions options, Rule<T> rule) {
        try {
            return rule.parse(parser);
        } catch (SyntaxError e) {
            T tree = retryWithFullContext(query, rule);
            if (tree != null) {
                return tree;
            }
            // Prometheus's parser reduces (and checks) everything completed before the offending token first.
            List<ParseError> errors = PartialTree.errorsBefore(e.context, e.offending, parser, options);
            failOnErrors(query, beforeLexerError(errors, lexer, parser));
            failOnLexerError(query, lexer);
            int index = e.offending.getTokenIndex();
            Token previous = index > 0 ? parser.getTokenStream().get(index - 1) : null;
            ParseError error = SyntaxErrors.describe(e.offending, previous, e.context);
            throw new ParseException(error.positionRange(), query, error.message());
        } catch (StackOverflowError e) {
            throw tooDeep(query);
        }
    }

    private static <T extends ParserRuleContext> T retryWithFullContext(String query, Rule<T> rule) {
        Lexer lexer = new Lexer(query);
        PromQLParser parser = newParser(lexer);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            T tree = rule.parse(parser);
            return lexer.error() == null ? tree : null;
        } catch (SyntaxError e) {
            return null;
        }
    }

    /**
     * Drops the errors Prometheus would find only after reading the token after the last one, when reading that
     * token failed: the lexing error is then reported first.
     */
    private static List<ParseError> beforeLexerError(List<ParseError> errors, Lexer lexer, PromQLParser parser) {
        if (lexer.error() == null || errors.isEmpty()) {
            return errors;
        }
        int lastEnd = -1;
        for (Token t : ((BufferedTokenStream) parser.getTokenStream()).getTokens()) {
            if (t.getType() != Token.EOF) {
                lastEnd = Math.max(lastEnd, t.getStopIndex() + 1);
            }
        }
        List<ParseError> kept = new ArrayList<>();
        for (ParseError e : errors) {
            if (!(e.afterLookahead() && e.positionRange().end() == lastEnd)) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** The lexer ended the input early, so what parsed was only a prefix of the query. */
    private static void failOnLexerError(String query, Lexer lexer) {
        Lexer.Error lexError = lexer.error();
        if (lexError != null) {
            throw new ParseException(new PositionRange(lexError.bytePos(), lexer.byteLength()), query,
                    lexError.message());
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
