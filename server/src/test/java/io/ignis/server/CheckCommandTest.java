package io.ignis.server;

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

class CheckCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(RuleFilesChecker rules, String... args) {
        return new CheckCommand(TestConfigs.loaderRefusingMarked(), rules, print(out), print(err)).run(args);
    }

    @Test
    void validConfigPrintsLikePromtool() throws IOException {
        Path good = dir.resolve("good.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        assertThat(run(RuleFilesChecker.NOT_WIRED, "config", good.toString())).isZero();
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
        assertThat(run(RuleFilesChecker.NOT_WIRED, "config", good.toString(), bad.toString())).isEqualTo(1);
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
    void unwiredRuleCheckingRefusesRatherThanPasses() throws IOException {
        Path file = Files.writeString(dir.resolve("r.yml"), "groups: []\n");
        assertThat(run(RuleFilesChecker.NOT_WIRED, "rules", file.toString())).isEqualTo(1);
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
