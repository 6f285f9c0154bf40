package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.StaleNaN;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleTestRunnerTest {
    @TempDir
    Path dir;

    record Values(String text, List<Double> want) {
        @Override
        public String toString() {
            return text;
        }
    }

    static Stream<Values> values() {
        double stale = StaleNaN.VALUE;
        return Stream.of(
                new Values("1 2 3", List.of(1.0, 2.0, 3.0)),
                new Values("1+0x3", List.of(1.0, 1.0, 1.0, 1.0)),
                new Values("10+10x2 30+20x2", List.of(10.0, 20.0, 30.0, 30.0, 50.0, 70.0)),
                new Values("5-2x2", List.of(5.0, 3.0, 1.0)),
                new Values("-1+1x2", List.of(-1.0, 0.0, 1.0)),
                new Values("7x2", List.of(7.0, 7.0, 7.0)),
                new Values("1e3 Inf -Inf", List.of(1000.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
                new Values("1 _ stale", Arrays.asList(1.0, null, stale)),
                new Values("_x2 4", Arrays.asList(null, null, 4.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void seriesValueNotation(Values c) {
        List<Double> got = SeriesValues.expand(c.text);
        assertThat(got).hasSize(c.want.size());
        for (int i = 0; i < got.size(); i++) {
            if (c.want.get(i) == null) {
                assertThat(got.get(i)).isNull();
            } else {
                assertThat(Double.doubleToRawLongBits(got.get(i))).isEqualTo(Double.doubleToRawLongBits(c.want.get(i)));
            }
        }
    }

    @Test
    void badSeriesValuesAreClearErrors() {
        assertThatThrownBy(() -> SeriesValues.expand("1+1xz")).hasMessage("invalid series value 1+1xz");
        assertThatThrownBy(() -> SeriesValues.expand("abc")).hasMessage("invalid series value abc");
    }

    private static final String RULES = """
            groups:
            - name: availability
              rules:
              - alert: TargetMissing
                expr: up == 0
                for: 5m
                labels:
                  severity: page
                annotations:
                  summary: "Target {{ $labels.instance }} missing"
                  description: "{{ $labels.instance }} of job {{ $labels.job }} has been missing for 5 minutes."
              - alert: TargetMissingLong
                expr: up == 0
                for: 10m
                labels:
                  severity: ticket
              - record: job:goroutines:sum
                expr: sum by (job) (go_goroutines)
            """;

    private static final String TEST = """
            rule_files:
              - rules.yml
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'up{job="api", instance="api-1:8080"}'
                    values: '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'
                  - series: 'up{job="db", instance="db-1:9187"}'
                    values: '1+0x6 0 0 0 0 0 0 0 0'
                  - series: 'go_goroutines{job="api", instance="api-1:8080"}'
                    values: '10+10x2 30+20x5'
                  - series: 'go_goroutines{job="db", instance="db-1:9187"}'
                    values: '10+10x7 10+30x4'
                alert_rule_test:
                  - eval_time: 10m
                    alertname: TargetMissing
                    exp_alerts:
                      - exp_labels:
                          severity: page
                          instance: api-1:8080
                          job: api
                        exp_annotations:
                          summary: "Target api-1:8080 missing"
                          description: "api-1:8080 of job api has been missing for 5 minutes."
                  - eval_time: 13m
                    alertname: TargetMissing
                    exp_alerts:
                      - exp_labels: {severity: page, instance: api-1:8080, job: api}
                        exp_annotations:
                          summary: "Target api-1:8080 missing"
                          description: "api-1:8080 of job api has been missing for 5 minutes."
                      - exp_labels: {severity: page, instance: db-1:9187, job: db}
                        exp_annotations:
                          summary: "Target db-1:9187 missing"
                          description: "db-1:9187 of job db has been missing for 5 minutes."
                  - eval_time: 4m
                    alertname: TargetMissingLong
                    exp_alerts: []
                promql_expr_test:
                  - expr: go_goroutines > 5
                    eval_time: 4m
                    exp_samples:
                      - labels: 'go_goroutines{job="api",instance="api-1:8080"}'
                        value: 50
                      - labels: 'go_goroutines{job="db",instance="db-1:9187"}'
                        value: 50
                  - expr: job:goroutines:sum
                    eval_time: 2m
                    exp_samples:
                      - labels: 'job:goroutines:sum{job="api"}'
                        value: 30
                      - labels: 'job:goroutines:sum{job="db"}'
                        value: 30
                  - expr: time()
                    eval_time: 3m
                    exp_samples:
                      - value: 180
            """;

    private String run(String test) throws IOException {
        Files.writeString(dir.resolve("rules.yml"), RULES);
        Path t = Files.writeString(dir.resolve("test.yml"), test);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = RuleTestRunner.run(List.of(t), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(text).isEqualTo(text.contains("SUCCESS"));
        return text;
    }

    @Test
    void documentationStyleExamplePasses() throws IOException {
        assertThat(run(TEST)).isEqualTo("Unit Testing:  " + dir.resolve("test.yml") + "\n  SUCCESS\n\n");
    }

    @Test
    void wrongExpectationsFailWithAlertAndExpressionDetails() throws IOException {
        String out = run(TEST.replace("value: 50", "value: 51").replace("eval_time: 4m\n        alertname: "
                + "TargetMissingLong", "eval_time: 14m\n        alertname: TargetMissingLong"));
        assertThat(out).contains("  FAILED:")
                .contains("    alertname: TargetMissingLong, time: 14m, \n        exp:[], \n        got:[Labels:{"
                        + "alertname=\"TargetMissingLong\", instance=\"api-1:8080\", job=\"api\", severity=\"ticket\"}")
                .contains("    expr: \"go_goroutines > 5\", time: 4m,\n        exp: [");
    }

    @Test
    void ruleEvaluationErrorsStopTheTestGroup() throws IOException {
        Files.writeString(dir.resolve("rules.yml"), "groups:\n- name: g\n  rules:\n  - record: r\n"
                + "    expr: label_replace(up, \"x\", \"$1\", \"job\", \"(\")\n");
        Path t = Files.writeString(dir.resolve("t.yml"), "rule_files: [rules.yml]\ntests:\n- input_series:\n"
                + "  - series: up\n    values: 1\n  promql_expr_test:\n  - expr: up\n    eval_time: 0m\n"
                + "    exp_samples: [{labels: up, value: 1}]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RuleTestRunner.run(List.of(t), new PrintStream(out, true, StandardCharsets.UTF_8))).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("    rule: r, time: 0s, err: ");
    }
}
