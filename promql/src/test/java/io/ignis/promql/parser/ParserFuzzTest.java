package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ignis.promql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing: valid queries cut, spliced and sprinkled with PromQL characters and keywords must either
 * parse (and then print to a form that parses back to the same text) or throw {@link ParseException}; no other
 * exception may escape. Seeded: {@code -Dtests.seed=<n>} repeats a run.
 */
class ParserFuzzTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final int ITERATIONS = 5_000;

    private static final String[] FRAGMENTS = {
        "(", ")", "[", "]", "{", "}", ",", ":", "@", "+", "-", "*", "/", "%", "^", "==", "!=", "=~", "!~", "<", ">",
        "<=", ">=", "</", ">/", "=", "!", " ", "\n", "\"", "'", "`", "\\", "#", ".", "_", "0", "1", "5m", "1h30m",
        "0x1F", "1e3", ".5", "Inf", "NaN", "foo", "a:b", "__name__", " by ", " without ", " on", " ignoring",
        " group_left", " group_right", " bool ", " offset ", " and ", " or ", " unless ", " atan2 ", "sum", "topk",
        "count_values", "limitk", "rate", "info", "step()", "range()", "min_of(", "max_of(", " anchored", " smoothed",
        " fill(1)", " fill_left(2)", " fill_right(3)", "start()", "end()", "\"a.b\"", "'x'", "ä", "\u2603",
        "\\x41", "\\u00e4", "9999999999999999999999", "1y", "5s:1s", "@ 100",
    };

    private static final String[] SEEDS = {
        "sum by (job) (rate(http_requests_total{job=~\"api.*\", code!=\"500\"}[5m] offset 1h))",
        "topk(3, foo) / on (instance) group_left (job) bar > bool 0.5",
        "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m:30s] @ end())))",
        "-foo ^ 2 * +bar % 3 atan2 baz or qux unless quux and corge",
        "{\"my.metric\", \"a.b\"=\"v\"} + fill(0) other",
        "foo[5m + step()] anchored",
        "count_values(\"v\", x) == ignoring (a, b) y",
        "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")",
        "max_over_time(deriv(rate(foo[1m])[5m:1m])[10m:]) offset -(2m * 3)",
        "1 + 2 * 3 ^ -4 / 0x10 - .5e1 % Inf",
        "foo @ 1603774568.123 offset 5m",
        "`raw string` + \"esc\\u00e4\\n\" + 'single'",
        "sort_by_label(limit_ratio(0.5, up), \"job\", \"instance\")",
    };

    @Test
    void onlyParseExceptionsEscape() {
        Random random = new Random(SEED);
        List<String> corpus = new ArrayList<>(List.of(SEEDS));
        int parsed = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String query = mutate(random, corpus.get(random.nextInt(corpus.size())));
            ParserOptions options = new ParserOptions(random.nextBoolean(), random.nextInt(4) != 0,
                    random.nextBoolean(), random.nextBoolean());
            Expr expr;
            try {
                expr = PromqlParser.parse(query, options);
            } catch (ParseException e) {
                assertThat(e.getMessage()).as(describe(query)).contains(": parse error: ");
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(describe(query) + " threw " + e, e);
            }
            parsed++;
            checkRoundTrip(query, expr, options);
            if (corpus.size() < 200 && query.length() < 300) {
                corpus.add(query);
            }
        }
        assertThat(parsed).as("some mutants parse (seed %d)", SEED).isGreaterThan(ITERATIONS / 50);
    }

    @Test
    void randomTextOnlyThrowsParseExceptions() {
        Random random = new Random(SEED);
        String alphabet = "abcxyz_:019.eE+-*/%^=!~<>()[]{},@#\"'`\\ \t\n\u00e4\u2603\ud83d\ude00\ud800\u0000";
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String query = sb.toString();
            try {
                PromqlParser.parse(query, ParserOptions.all());
            } catch (ParseException e) {
                assertThat(e.getMessage()).as(describe(query)).contains(": parse error: ");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(describe(query) + " threw " + e, e);
            }
        }
    }

    private static void checkRoundTrip(String query, Expr expr, ParserOptions options) {
        String printed = expr.toString();
        try {
            Expr reparsed = PromqlParser.parse(printed, options);
            // As in Prometheus, +Inf prints with its sign, which then parses as a unary plus: "Inf ^ 2" prints
            // "+Inf ^ 2", which is +(Inf ^ 2). Only such texts may print differently the second time.
            if (!printed.contains("Inf")) {
                assertThat(reparsed.toString()).as(describe(query)).isEqualTo(printed);
            }
        } catch (ParseException e) {
            fail(describe(query) + ": printed form " + printed + " does not parse: " + e.getMessage());
        }
    }

    private static String mutate(Random random, String query) {
        StringBuilder sb = new StringBuilder(query);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int pos = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(pos, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> {
                    int end = Math.min(sb.length(), pos + 1 + random.nextInt(6));
                    sb.delete(Math.min(pos, end), end);
                }
                case 2 -> {
                    int end = Math.min(sb.length(), pos + random.nextInt(12));
                    String piece = sb.substring(Math.min(pos, end), end);
                    sb.insert(random.nextInt(sb.length() + 1), piece);
                }
                default -> {
                    if (pos < sb.length()) {
                        sb.setCharAt(pos, FRAGMENTS[random.nextInt(FRAGMENTS.length)].charAt(0));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String describe(String query) {
        return "query <" + query + "> (seed " + SEED + ", rerun with -Dtests.seed=" + SEED + ")";
    }
}
