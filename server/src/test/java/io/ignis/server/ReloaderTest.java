package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.PrometheusConfig;
import io.ignis.server.api.BuildInfo;
import io.ignis.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloaderTest {
    private final ServerMetrics metrics = new ServerMetrics(Server.buildLabels(
            new BuildInfo("v", "r", "b", "u", "d", "java")));
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ActiveConfig active = new ActiveConfig();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        metrics.close();
    }

    /** A component that records what it was given and refuses configurations while told to. */
    static final class RecordingComponent implements Reloadable {
        final List<String> applied = new ArrayList<>();
        boolean refuse;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void apply(PrometheusConfig config) {
            if (refuse && config.toYaml().contains("job_two")) {
                throw new IllegalStateException("cannot take job_two");
            }
            applied.add(config.toYaml().contains("job_one") ? "one" : config.toYaml().contains("job_two")
                    ? "two" : "other");
        }
    }

    @Test
    void goodThenBrokenThenGood() throws IOException {
        Path file = dir.resolve("prometheus.yml");
        RecordingComponent component = new RecordingComponent();
        Reloader reloader = new Reloader(file, TestConfigs.loaderRefusingMarked(), List.of(component), active,
                metrics, clock::get);

        TestConfigs.write(file, TestConfigs.valid("job_one"));
        reloader.reload();
        assertThat(active.yaml()).contains("job_one");
        assertThat(metrics.lastReloadSuccessful()).isTrue();
        assertThat(metrics.lastReloadSuccessSeconds()).isEqualTo(1000.0);

        clock.set(2_000_000);
        Files.write(file, TestConfigs.broken());
        assertThatThrownBy(reloader::reload).isInstanceOf(ReloadException.class)
                .hasMessageStartingWith("couldn't load configuration (--config.file=\"" + file + "\"): ");
        assertThat(active.yaml()).contains("job_one");
        assertThat(metrics.lastReloadSuccessful()).isFalse();
        assertThat(metrics.lastReloadSuccessSeconds()).isEqualTo(1000.0);

        clock.set(3_000_000);
        TestConfigs.write(file, TestConfigs.valid("job_two"));
        reloader.reload();
        assertThat(active.yaml()).contains("job_two");
        assertThat(metrics.lastReloadSuccessful()).isTrue();
        assertThat(metrics.lastReloadSuccessSeconds()).isEqualTo(3000.0);
        assertThat(component.applied).containsExactly("one", "two");
    }

    @Test
    void aRefusingComponentRollsBackThoseBeforeIt() throws IOException {
        Path file = dir.resolve("prometheus.yml");
        RecordingComponent first = new RecordingComponent();
        RecordingComponent second = new RecordingComponent();
        Reloader reloader = new Reloader(file, TestConfigs.loaderRefusingMarked(), List.of(first, second), active,
                metrics, clock::get);
        TestConfigs.write(file, TestConfigs.valid("job_one"));
        reloader.reload();

        second.refuse = true;
        TestConfigs.write(file, TestConfigs.valid("job_two"));
        assertThatThrownBy(reloader::reload).isInstanceOf(ReloadException.class)
                .hasMessage("one or more errors occurred while applying the new configuration (--config.file=\""
                        + file + "\")");
        assertThat(first.applied).containsExactly("one", "two", "one");
        assertThat(second.applied).containsExactly("one");
        assertThat(active.yaml()).contains("job_one");
        assertThat(metrics.lastReloadSuccessful()).isFalse();
    }

    @Test
    void missingFileFailsTheFirstLoad() {
        Path file = dir.resolve("absent.yml");
        Reloader reloader = new Reloader(file, TestConfigs.loaderRefusingMarked(), List.of(), active, metrics,
                clock::get);
        assertThatThrownBy(reloader::reload).isInstanceOf(ReloadException.class)
                .hasMessageContaining("absent.yml");
        assertThat(active.current()).isNull();
        assertThat(active.yaml()).isEmpty();
    }
}
