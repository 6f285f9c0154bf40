package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.promql.parser.CaseFiles.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid queries and the exact message Prometheus gives for each, position and wording:
 * {@code parse-errors.txt} follows Prometheus's parser tests, {@code parse-errors-more.txt} adds our own.
 */
class ParseErrorsTest {
    /** As Prometheus's parser tests run: everything but the fill modifiers enabled. */
    private static final ParserOptions OPTIONS = new ParserOptions(true, true, true, false);

    static Stream<Case> prometheusCases() {
        return CaseFiles.pairs("parse-errors.txt", "error").stream();
    }

    static Stream<Case> moreCases() {
        return CaseFiles.pairs("parse-errors-more.txt", "error").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prometheusCases")
    void rejectsLikePrometheusTests(Case c) {
        assertThatThrownBy(() -> PromqlParser.parse(c.query(), OPTIONS))
                .isInstanceOf(ParseException.class)
                .hasMessage(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreCases")
    void rejectsWithPrometheusMessage(Case c) {
        assertThatThrownBy(() -> PromqlParser.parse(c.query(), ParserOptions.defaults()))
                .isInstanceOf(ParseException.class)
                .hasMessage(c.expected());
    }
}
