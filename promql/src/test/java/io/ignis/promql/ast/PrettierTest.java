package io.ignis.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.parser.CaseFiles;
import io.ignis.promql.parser.CaseFiles.Case;
import io.ignis.promql.parser.PromqlParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multi-line form: {@code pretty.txt} with a 10-column limit so that short queries split, as Prometheus's
 * prettifier tests do, and {@code pretty-100.txt} at the real limit.
 */
class PrettierTest {
    static Stream<Case> cases() {
        return CaseFiles.pairs("pretty.txt", "pretty").stream();
    }

    static Stream<Case> longQueries() {
        return CaseFiles.pairs("pretty-100.txt", "pretty").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prettifiesLikePrometheus(Case c) {
        assertThat(Prettier.pretty(PromqlParser.parse(c.query()), 10)).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longQueries")
    void splitsAtOneHundredColumns(Case c) {
        assertThat(Prettier.pretty(PromqlParser.parse(c.query()))).isEqualTo(c.expected());
    }
}
