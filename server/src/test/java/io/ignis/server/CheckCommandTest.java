package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.parser.ParserOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final RuleFilesChecker REAL_RULES = new RuleFileCheck(ParserOptions.defaults());

    private int run(RuleFilesChecker rules, String... args) {
        return new CheckCommand(TestConfigs.loaderRefusingMarked(), rules, print(out), print(err)).run(args);
    }

    @Test
    void validConfigPrintsLikePromtool() throws IOException {
        Path good = dir.resolve("good.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        assertThat(run(REAL_RULES, "config", good.toString())).isZero();
        assertThat(text(out)).isEqualTo("Checking " + good + "\n SUCCESS: " + good
                + " is valid prometheus config file syntax\n\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void oneBrokenConfigFailsTheRun() throws IOException {
        Path good = dir.resolve("good.yml");
        Path bad = dir.resolve("bad.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        TestConfigs.write(bad, TestConfigs.valid("job_two") + "# refuse\n");
        assertThat(run(REAL_RULES, "config", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(text(out)).isEqualTo("Checking " + good + "\n SUCCESS: " + good
                + " is valid prometheus config file syntax\n\nChecking " + bad + "\n\n");
        assertThat(text(err)).isEqualTo("  FAILED: " + bad + ":1:1: refused by the test loader\n");
    }

    @Test
    void rulesPrintCountOrErrors() throws IOException {
        Path good = Files.writeString(dir.resolve("good.rules.yml"), "groups: []\n");
        Path bad = Files.writeString(dir.resolve("bad.rules.yml"), "groups: [\n");
        RuleFilesChecker fake = file -> file.equals(good) ? RuleFilesChecker.Result.ok(3)
                : RuleFilesChecker.Result.failed(List.of(file + ": 5:15: group \"g\", rule 1: parse error",
                        file + ": 9:1: another"));
        assertThat(run(fake, "rules", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(text(out)).isEqualTo("Checking " + good + "\n  SUCCESS: 3 rules found\n\nChecking " + bad
                + "\n\n");
        assertThat(text(err)).isEqualTo("  FAILED:\n" + bad + ": 5:15: group \"g\", rule 1: parse error\n" + bad
                + ": 9:1: another\n");
    }

    @Test
    void realRuleCheckCountsRulesAndPlacesBadExpressionsLikePromtool() throws IOException {
        Path good = Files.writeString(dir.resolve("r1.yml"), """
                groups:
                  - name: g
                    rules:
                      - record: a:b
                        expr: sum(up)
                      - alert: X
                        expr: up == 0
                """);
        Path bad = Files.writeString(dir.resolve("r2.yml"), """
                groups:
                  - name: g2
                    rules:
                      - record: a:c
                        expr: sum(up
                """);
        assertThat(run(REAL_RULES, "rules", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(text(out)).isEqualTo("Checking " + good + "\n  SUCCESS: 2 rules found\n\nChecking " + bad
                + "\n\n");
        // The same text promtool 2.42 prints for these files.
        assertThat(text(err)).isEqualTo("  FAILED:\n" + bad + ": 5:15: group \"g2\", rule 1, \"a:c\": could not "
                + "parse expression: 1:7: parse error: unclosed left parenthesis\n");
    }

    @Test
    void configCheckAlsoChecksItsRuleFiles() throws IOException {
        Files.writeString(dir.resolve("r1.yml"), "groups:\n  - name: g\n    rules:\n      - record: a:b\n"
                + "        expr: sum(up)\n");
        Files.writeString(dir.resolve("r2.yml"), "groups:\n  - name: g2\n    rules:\n      - record: a:c\n"
                + "        expr: sum(up\n");
        Path config = dir.resolve("p.yml");
        TestConfigs.write(config, "rule_files: [r*.yml]\n" + TestConfigs.valid("job_one"));
        assertThat(run(REAL_RULES, "config", config.toString())).isEqualTo(1);
        Path r1 = dir.resolve("r1.yml");
        Path r2 = dir.resolve("r2.yml");
        assertThat(text(out)).isEqualTo("Checking " + config + "\n  SUCCESS: 2 rule files found\n SUCCESS: " + config
                + " is valid prometheus config file syntax\n\nChecking " + r1 + "\n  SUCCESS: 1 rules found\n\n"
                + "Checking " + r2 + "\n\n");
        assertThat(text(err)).isEqualTo("  FAILED:\n     " + r2 + ": 5:15: group \"g2\", rule 1, \"a:c\": could not "
                + "parse expression: 1:7: parse error: unclosed left parenthesis\n");
    }

    @Test
    void ruleFileSchemaErrorsFailTheCheck() throws IOException {
        Path file = Files.writeString(dir.resolve("r.yml"), "groups:\n  - name: g\n    rules:\n      - record: x\n"
                + "        alert: y\n        expr: up\n");
        assertThat(run(REAL_RULES, "rules", file.toString())).isEqualTo(1);
        assertThat(text(err)).startsWith("  FAILED:\n" + file);
    }

    @Test
    void usageErrorsThroughMainAreOneLine() throws IOException {
        ByteArrayOutputStream mainErr = new ByteArrayOutputStream();
        check(new String[] {"check", "config", dir.resolve("nope.yml").toString()}, mainErr,
                "ignis: error: path '" + dir.resolve("nope.yml") + "' does not exist, try --help\n");
        check(new String[] {"check", "config"}, mainErr,
                "ignis: error: required argument 'config-files' not provided, try --help\n");
        check(new String[] {"check", "banana"}, mainErr,
                "ignis: error: expected command but got \"banana\", try --help\n");
        check(new String[] {"check"}, mainErr, "ignis: error: expected command but got none, try --help\n");
    }

    @Test
    void mainChecksWithTheRealLoader() throws IOException {
        Path good = dir.resolve("good.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        ByteArrayOutputStream mainOut = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"check", "config", good.toString()}, print(mainOut), print(err)))
                .isZero();
        assertThat(text(mainOut)).contains(" SUCCESS: " + good + " is valid prometheus config file syntax");
    }

    private void check(String[] args, ByteArrayOutputStream mainErr, String want) {
        mainErr.reset();
        assertThat(Main.run(args, print(new ByteArrayOutputStream()), print(mainErr))).isEqualTo(1);
        assertThat(text(mainErr)).isEqualTo(want);
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream s) {
        return new PrintStream(s, true, StandardCharsets.UTF_8);
    }
}
