package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.ast.Expr;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid queries ({@code valid-queries.txt}): each parses, and its printed form parses back to the same tree. */
class ValidQueriesTest {
    private static final ParserOptions OPTIONS = new ParserOptions(true, true, true, false);

    static Stream<String> queries() {
        return CaseFiles.values("valid-queries.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void parsesAndRoundTrips(String query) {
        Expr expr = PromqlParser.parse(query, OPTIONS);
        String printed = expr.toString();
        Expr reparsed = PromqlParser.parse(printed, OPTIONS);
        assertThat(reparsed.toString()).isEqualTo(printed);
        assertThat(Positions.strip(reparsed)).isEqualTo(Positions.strip(expr));
    }
}
