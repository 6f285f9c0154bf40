package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ignis test rules FILE}: the command line reaches the rule unit-test runner and its exit code. */
class TestRulesCommandTest {
    @TempDir
    Path dir;

    private static final String RULES = """
            groups:
              - name: g
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """;

    private static String test(String expected) {
        return """
                rule_files: [rules.yml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="a", instance="x"}'
                        values: '1 1 1'
                      - series: 'up{job="a", instance="y"}'
                        values: '0 1 1'
                    promql_expr_test:
                      - expr: job:up:sum
                        eval_time: 2m
                        exp_samples:
                          - labels: 'job:up:sum{job="a"}'
                            value: %s
                """.formatted(expected);
    }

    @Test
    void passingAndFailingTestFilesGiveExitCodes() throws Exception {
        Files.writeString(dir.resolve("rules.yml"), RULES);
        Path good = Files.writeString(dir.resolve("good.yml"), test("2"));
        Path bad = Files.writeString(dir.resolve("bad.yml"), test("3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"test", "rules", good.toString()}, print, print)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SUCCESS");
        out.reset();
        assertThat(Main.run(new String[] {"test", "rules", bad.toString()}, print, print)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED");
    }
}
