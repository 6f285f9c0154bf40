package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ignis test rules} and Debian's {@code promtool test rules} give the same verdict on the same files. Exact
 * rate values are not compared: Prometheus 3's left-open range windows (ours) and 2.42's closed ones (Debian's)
 * legitimately differ in the last bits when samples sit on window boundaries.
 */
class RuleTestPromtoolTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    record Case(String name, String rules, String test) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String RULES = """
            groups:
            - name: g
              rules:
              - record: job:req:rate1m
                expr: sum by (job) (rate(req_total[1m]))
              - alert: HighRate
                expr: job:req:rate1m > 1
                for: 2m
                keep_firing_for: 3m
                labels: {severity: warn}
                annotations: {summary: "{{ $labels.job }} at {{ $value | printf \\"%.1f\\" }}/s"}
            """;

    private static String test(String alertTime, String exp, String value) {
        return """
                rule_files: [rules.yml]
                evaluation_interval: 1m
                tests:
                - interval: 15s
                  input_series:
                  - series: 'req_total{job="api",instance="1"}'
                    values: '0+120x40 4800x40'
                  - series: 'req_total{job="api",instance="2"}'
                    values: '0+30x80'
                  alert_rule_test:
                  - eval_time: %s
                    alertname: HighRate
                    exp_alerts: %s
                  promql_expr_test:
                  - expr: sum by (job) (req_total)
                    eval_time: 5m
                    exp_samples:
                    - labels: '{job="api"}'
                      value: %s
                """.formatted(alertTime, exp, value);
    }

    private static final String FIRING = "[{exp_labels: {job: api, severity: warn}, "
            + "exp_annotations: {summary: \"api at 10.0/s\"}}]";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("passes while firing", RULES, test("5m", FIRING, "3000")),
                new Case("keep_firing_for holds it after the rate drops", RULES, test("12m",
                        FIRING.replace("10.0", "2.0"), "3000")),
                new Case("resolved after keep_firing_for", RULES, test("16m", "[]", "3000")),
                new Case("pending is not firing", RULES, test("2m", "[]", "3000")),
                new Case("wrong value fails", RULES, test("5m", FIRING, "3001")),
                new Case("wrong annotation fails", RULES, test("5m", FIRING.replace("10.0", "9.0"), "3000")),
                new Case("missing alert fails", RULES, test("1m", FIRING, "3000")));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAsPromtool(Case c) throws Exception {
        if (!Files.isExecutable(PROMTOOL)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(PROMTOOL + " is missing (install Debian's prometheus)");
            }
            Assumptions.abort(PROMTOOL + " is missing; install Debian's prometheus");
        }
        Files.writeString(dir.resolve("rules.yml"), c.rules());
        Path t = Files.writeString(dir.resolve("test.yml"), c.test());
        Process p = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", "test.yml").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ours = RuleTestRunner.run(List.of(t), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(ours).as("ours:\n" + out.toString(StandardCharsets.UTF_8) + "\npromtool:\n" + theirs)
                .isEqualTo(p.exitValue() == 0);
    }
}
