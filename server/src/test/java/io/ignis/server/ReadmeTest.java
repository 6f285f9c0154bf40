package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's set-up commands and flag table true to the code. */
class ReadmeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyFlagIsListedWithItsDefault() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (FlagDef def : FlagTable.ALL) {
            assertThat(readme).contains("| `--" + def.name() + "`");
            if (!def.defaultValue().isEmpty()) {
                assertThat(readme).as(def.name()).containsPattern("\\| `--" + Pattern.quote(
                        def.name()) + "`[^|]*\\| `" + Pattern.quote(def.defaultValue()) + "` \\|");
            }
        }
    }

    @Test
    void theFirstTwoCommandsAreRunAndTest() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<String> commands = lines.stream().filter(l -> l.startsWith("bin/") || l.startsWith("mvn ")).toList();
        assertThat(commands.get(0)).startsWith("bin/ignis --config.file=config/examples/prometheus.yml");
        assertThat(commands.get(1)).startsWith("mvn -B verify");
        assertThat(ROOT.resolve("config/examples/prometheus.yml")).isRegularFile();
        assertThat(Files.isExecutable(ROOT.resolve("bin/ignis"))).isTrue();
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("\nmvn -B verify");
    }
}
