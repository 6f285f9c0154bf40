package io.ignis.server.rules.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the template engine against Go's: alert annotations expanded by our engine become the expected
 * annotations of a rule unit test that Debian's {@code promtool test rules} (Prometheus 2.42) must pass.
 */
class TemplatePromtoolTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final List<String> TEMPLATES = List.of(
            "{{ $value }}",
            "{{ $labels.instance }}/{{ $labels.job }}|{{ $labels.nope }}|",
            "{{ $value | humanize }} {{ $value | humanize1024 }} {{ $value | humanizePercentage }}",
            "{{ $value | humanizeDuration }}",
            "{{ humanize 1234567.0 }} {{ humanize 0.000012 }} {{ humanize 0 }} {{ humanize -2048 }}",
            "{{ humanize1024 1048576 }} {{ humanize1024 1.5e12 }} {{ humanizeDuration 90061.5 }}",
            "{{ humanizeDuration 0.0005 }} {{ humanizeDuration 3.25 }} {{ humanizePercentage 0.12345 }}",
            "{{ humanizeTimestamp 1435065584.128 }}",
            "{{ printf \"%.2f|%5d|%-5s|%x|%q|%v|%e|%g\" $value 42 \"ab\" 255 \"q\" 1.5 123456.789 0.0001 }}",
            "{{ printf \"%s %d\" \"only\" }}{{ printf \"%d\" 1 2 }}",
            "{{ if gt $value 0.5 }}high{{ else if gt $value 0.1 }}mid{{ else }}low{{ end }}",
            "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
            "{{ with $labels.job }}job={{ . }}{{ end }}{{ with $labels.nope }}x{{ else }}none{{ end }}",
            "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}",
            "{{ len $labels }} {{ index $labels \"job\" }} {{ slice \"abcdef\" 1 3 }}",
            "{{ \"A b c\" | toUpper }} {{ \"A B\" | toLower }} {{ \"hello world\" | title }}",
            "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }} {{ match \"^db\" $labels.job }}",
            "{{ $labels.instance | stripPort }} {{ \"a.b.c:80\" | stripDomain }}",
            "{{ html \"<a href='x'>\" }} {{ js \"it's\" }} {{ urlquery \"a b/c\" }}",
            "{{ print 1 2 \"x\" 3.5 }}|{{ println \"a\" 1 }}|",
            "{{ and 1 0 }} {{ or 0 \"\" \"z\" }} {{ not true }} {{ eq 1 2 1 }} {{ ne \"a\" \"b\" }} {{ le 1.5 1.5 }}",
            "{{- /* comment */ -}}  trimmed  {{- 1 -}}  x",
            "{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" $labels.job }}{{ block \"b\" 3 }}<{{ . }}>{{ end }}",
            "{{ range $i, $e := query \"up\" }}{{ $i }}:{{ $e.Labels.instance }}={{ $e.Value }} {{ end }}",
            "{{ with query \"up\" }}{{ . | first | value }} {{ . | first | label \"job\" }}{{ end }}",
            "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }} {{ end }}",
            "{{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ -0.0 }} {{ 1.5e-7 }} {{ 123456789.0 }}",
            "{{ graphLink \"up == 0\" }} {{ tableLink \"rate(x[5m])\" }}");

    @TempDir
    Path dir;

    @Test
    void promtoolAgreesWithOurExpansion() throws Exception {
        if (!Files.isExecutable(PROMTOOL)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(PROMTOOL + " is missing (install Debian's prometheus)");
            }
            Assumptions.abort(PROMTOOL + " is missing; install Debian's prometheus");
        }
        Map<String, String> labels = Map.of("__name__", "load", "instance", "db-1:9100", "job", "db");
        double value = 0.875;
        long evalMs = 10 * 60_000;
        Expander ex = new Expander((q, t) -> List.of(
                new QueryFunc.Element(io.ignis.labels.Labels.of("__name__", "up", "instance", "b:1", "job", "x"), 1.0),
                new QueryFunc.Element(io.ignis.labels.Labels.of("__name__", "up", "instance", "a:1", "job", "x"), 0.0)),
                URI.create("http://localhost:9090"));
        StringBuilder rules = new StringBuilder("groups:\n- name: t\n  rules:\n  - alert: T\n    expr: load\n"
                + "    annotations:\n");
        StringBuilder exp = new StringBuilder();
        for (int i = 0; i < TEMPLATES.size(); i++) {
            String t = TEMPLATES.get(i);
            AlertTemplateData data = AlertTemplateData.of(labels, Map.of(), "http://localhost:9090", value);
            String want = ex.expandAlert("T", t, data, evalMs);
            rules.append("      a").append(i).append(": ").append(yaml(t)).append('\n');
            exp.append("          a").append(i).append(": ").append(yaml(want)).append('\n');
        }
        Files.writeString(dir.resolve("rules.yml"), rules);
        Files.writeString(dir.resolve("test.yml"), "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n"
                + "- interval: 1m\n  input_series:\n  - series: 'load{instance=\"db-1:9100\",job=\"db\"}'\n"
                + "    values: '0.875x20'\n  - series: 'up{instance=\"b:1\",job=\"x\"}'\n    values: '1x20'\n"
                + "  - series: 'up{instance=\"a:1\",job=\"x\"}'\n    values: '0x20'\n"
                + "  alert_rule_test:\n  - eval_time: 10m\n    alertname: T\n    exp_alerts:\n"
                + "    - exp_labels: {instance: \"db-1:9100\", job: db}\n      exp_annotations:\n" + exp);
        Process p = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", "test.yml").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("SUCCESS");
    }

    private static String yaml(String s) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
