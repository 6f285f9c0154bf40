package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCheckerTest {
    @TempDir
    Path dir;

    private String check(String yaml, boolean wantOk) throws IOException {
        Path f = Files.writeString(dir.resolve("r.yml"), yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RuleChecker.check(List.of(f), new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(wantOk);
        return out.toString(StandardCharsets.UTF_8).replace(f.toString(), "r.yml");
    }

    @Test
    void validFileCountsItsRules() throws IOException {
        assertThat(check("""
                groups:
                  - name: g
                    rules:
                      - record: a:b
                        expr: sum(up)
                      - alert: X
                        expr: up == 0
                        annotations: {d: "{{ $value | humanize }}"}
                """, true)).isEqualTo("Checking r.yml\n  SUCCESS: 2 rules found\n\n");
    }

    @Test
    void badExpressionAndTemplateAreReported() throws IOException {
        String out = check("""
                groups:
                  - name: g
                    rules:
                      - record: a:b
                        expr: sum(up
                      - alert: X
                        expr: up == 0
                        labels: {s: "{{ if }}"}
                """, false);
        assertThat(out).startsWith("Checking r.yml\n  FAILED:\n")
                .contains("r.yml: group \"g\", rule 1, \"a:b\": could not parse expression: ")
                .contains("r.yml: group \"g\", rule 2, \"X\": label \"s\": template: __alert_X:1: missing value for if");
    }

    @Test
    void formatErrorsComeFromTheLoader() throws IOException {
        assertThat(check("groups:\n  - name: g\n    rules:\n      - record: a\n        alert: b\n        expr: up\n",
                false)).contains("only one of 'record' and 'alert' must be set");
    }
}
