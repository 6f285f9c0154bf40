package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** External label expansion follows Go's os.Expand, as Prometheus uses it. */
class EnvExpanderTest {
    private static final Map<String, String> ENV = Map.of("REGION", "eu", "HOST_1", "h1", "1", "one");

    record Case(String input, String want) {
        @Override
        public String toString() {
            return input.isEmpty() ? "<empty>" : input;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("", ""),
                new Case("plain", "plain"),
                new Case("${REGION}", "eu"),
                new Case("$REGION", "eu"),
                new Case("r-${REGION}-x", "r-eu-x"),
                new Case("$REGION-x", "eu-x"),
                new Case("$HOST_1.example", "h1.example"),
                new Case("${MISSING}", ""),
                new Case("a$MISSING", "a"),
                new Case("$$", "$"),
                new Case("$$REGION", "$REGION"),
                new Case("cost: 5$", "cost: 5$"),
                new Case("$ x", "$ x"),
                new Case("$1x", "onex"),
                new Case("${}", ""),
                new Case("${REGION", "REGION"),
                new Case("a$-b", "ab"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsLikeGo(Case c) {
        assertThat(EnvExpander.expand(c.input(), ENV::get)).isEqualTo(c.want());
    }
}
