package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.Prettier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code eval} expression of the shared PromQL conformance scripts parses with all features enabled, and
 * its printed and prettified forms parse back to the same tree. Evaluations that expect failure may fail here already; the
 * ones that do are listed in {@link #PARSE_FAILURES_EXPECTED}, so a change in what fails is noticed.
 */
class ConformanceQueriesTest {
    private static final Pattern EVAL_INSTANT =
            Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final Pattern EVAL_RANGE =
            Pattern.compile("^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)"
                    + "\\s+step\\s+(.+?)\\s+(.+)$");
    private static final Pattern EXPECT_FAIL = Pattern.compile("^expect\\s+fail\\b.*");

    /** Expect-fail evaluations whose expression Prometheus rejects while parsing, as "file: expression". */
    private static final Set<String> PARSE_FAILURES_EXPECTED = Set.of();

    record Eval(String file, int line, String expr, boolean expectFail) {
        String key() {
            return file + ": " + expr;
        }
    }

    static Path dir() {
        String shared = System.getProperty("ignis.shared.dir");
        assertThat(shared).as("system property ignis.shared.dir").isNotNull();
        return Path.of(shared, "conformance", "promql");
    }

    static List<Eval> evals() {
        List<Eval> evals = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                collect(file, Files.readAllLines(file), evals);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return evals;
    }

    private static void collect(Path file, List<String> lines, List<Eval> out) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String expr = null;
            boolean fail = false;
            Matcher m = EVAL_INSTANT.matcher(line);
            if (m.matches()) {
                expr = m.group(3);
                fail = "fail".equals(m.group(1));
            } else if ((m = EVAL_RANGE.matcher(line)).matches()) {
                expr = m.group(5);
                fail = "fail".equals(m.group(1));
            }
            if (expr == null) {
                continue;
            }
            for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank() && isIndented(lines.get(j)); j++) {
                if (EXPECT_FAIL.matcher(lines.get(j).strip()).matches()) {
                    fail = true;
                }
            }
            out.add(new Eval(file.getFileName().toString(), i + 1, expr, fail));
        }
    }

    private static boolean isIndented(String line) {
        return line.startsWith(" ") || line.startsWith("\t");
    }

    @Test
    void findsTheEvaluations() {
        assertThat(evals()).hasSizeGreaterThan(2000);
    }

    @TestFactory
    Stream<DynamicTest> everyEvalParsesAndRoundTrips() {
        return evals().stream().map(e -> DynamicTest.dynamicTest(e.file() + ":" + e.line() + " " + e.expr(), () -> {
            if (e.expectFail()) {
                boolean failed = parseFails(e.expr());
                assertThat(failed).as("fails at parse time: " + e.key())
                        .isEqualTo(PARSE_FAILURES_EXPECTED.contains(e.key()));
                if (failed) {
                    return;
                }
            }
            assertThatCode(() -> roundTrip(e.expr())).as(e.key()).doesNotThrowAnyException();
        }));
    }

    @Test
    void listsTheExpectFailEvaluationsThatFailAtParseTime() {
        Set<String> failing = new TreeSet<>();
        for (Eval e : evals()) {
            if (e.expectFail() && parseFails(e.expr())) {
                failing.add(e.key());
            }
        }
        assertThat(failing).containsExactlyInAnyOrderElementsOf(PARSE_FAILURES_EXPECTED);
    }

    private static boolean parseFails(String query) {
        try {
            PromqlParser.parse(query, ParserOptions.all());
            return false;
        } catch (ParseException e) {
            return true;
        }
    }

    private static void roundTrip(String query) {
        Expr expr = PromqlParser.parse(query, ParserOptions.all());
        String printed = expr.toString();
        Expr reparsed = PromqlParser.parse(printed, ParserOptions.all());
        assertThat(reparsed.toString()).isEqualTo(printed);
        assertThat(Positions.strip(reparsed)).isEqualTo(Positions.strip(expr));
        Expr fromPretty = PromqlParser.parse(Prettier.pretty(expr), ParserOptions.all());
        assertThat(Positions.strip(fromPretty)).isEqualTo(Positions.strip(expr));
    }
}
