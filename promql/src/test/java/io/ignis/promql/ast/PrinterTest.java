package io.ignis.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.parser.CaseFiles;
import io.ignis.promql.parser.CaseFiles.Case;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Query text to its canonical single-line form, as Prometheus's {@code String()} prints it:
 * {@code printed.txt} follows Prometheus's printer tests, {@code printed-more.txt} adds our own.
 */
class PrinterTest {
    private static final ParserOptions OPTIONS = ParserOptions.all();

    static Stream<Case> cases() {
        return Stream.concat(CaseFiles.pairs("printed.txt", "printed").stream(),
                CaseFiles.pairs("printed-more.txt", "printed").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsLikePrometheus(Case c) {
        assertThat(PromqlParser.parse(c.query(), OPTIONS).toString()).isEqualTo(c.expected());
    }
}
