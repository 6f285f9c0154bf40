package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ignis check config} against the real {@code promtool check config}: same exit code, same stdout,
 * same shape on stderr. Needs promtool: fails when it is missing under CI=true, skips otherwise.
 */
class PromtoolParityTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requirePromtool() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("promtool (Debian package prometheus) is required under CI=true").isTrue();
        }
        assumeThat(present).as("promtool not installed; install the Debian package prometheus").isTrue();
    }

    record Run(int code, String out, String err) {
    }

    @Test
    void theExampleConfigsPassBothIdentically() throws Exception {
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("config/examples");
        for (Path example : List.of(examples.resolve("prometheus.yml"), examples.resolve("compose/prometheus.yml"))) {
            Run promtool = promtool("check", "config", example.toString());
            Run ignis = ignis("check", "config", example.toString());
            assertThat(promtool.code()).as(promtool.err()).isZero();
            assertThat(ignis).isEqualTo(promtool);
        }
    }

    @Test
    void aValidConfigPassesBothIdentically() throws Exception {
        Path good = dir.resolve("good.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        assertThat(ignis("check", "config", good.toString())).isEqualTo(promtool("check", "config", good.toString()));
    }

    @Test
    void aBrokenConfigFailsBothWithTheSameShape() throws Exception {
        Path good = dir.resolve("good.yml");
        Path bad = dir.resolve("bad.yml");
        TestConfigs.write(good, TestConfigs.valid("job_one"));
        Files.write(bad, TestConfigs.broken());
        Run promtool = promtool("check", "config", good.toString(), bad.toString());
        Run ignis = ignis("check", "config", good.toString(), bad.toString());
        assertThat(ignis.code()).isEqualTo(promtool.code()).isEqualTo(1);
        assertThat(ignis.out()).isEqualTo(promtool.out());
        assertThat(promtool.err()).startsWith("  FAILED: ");
        assertThat(ignis.err()).startsWith("  FAILED: ").endsWith("\n").hasLineCount(1);
    }

    @Test
    void aMissingFileIsAUsageErrorInBoth() throws Exception {
        String missing = dir.resolve("missing.yml").toString();
        Run promtool = promtool("check", "config", missing);
        Run ignis = ignis("check", "config", missing);
        assertThat(ignis.code()).isEqualTo(promtool.code()).isEqualTo(1);
        assertThat(ignis.err()).isEqualTo(promtool.err().replace("promtool: error:", "ignis: error:"));
    }

    private static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static Run ignis(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
