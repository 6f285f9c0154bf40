package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {

    @Test
    void readsProcLikePrometheusProcessCollector(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("self/fd"));
        for (int i = 0; i < 5; i++) {
            Files.createFile(proc.resolve("self/fd/" + i));
        }
        // The command name holds spaces and a parenthesis, as a thread-renamed JVM's may.
        Files.writeString(proc.resolve("self/stat"), "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
                + "250 50 0 0 20 0 30 0 12345 3000000000 20000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1\n");
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 10\n");
        Files.writeString(proc.resolve("self/limits"), "Limit                     Soft Limit           Hard Limit"
                + "           Units     \nMax cpu time              unlimited            unlimited            "
                + "seconds   \nMax open files            1048576              1048576              files     \n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessMetrics process = new ProcessMetrics(proc);
        process.bindTo(registry);

        assertThat(registry.get("process.cpu.seconds").functionCounter().count()).isEqualTo(3.0);
        assertThat(registry.get("process.resident.memory.bytes").gauge().value()).isEqualTo(20000.0 * 4096);
        assertThat(registry.get("process.virtual.memory.bytes").gauge().value()).isEqualTo(3e9);
        assertThat(registry.get("process.start.time.seconds").gauge().value()).isEqualTo(1700000000 + 123.45);
        assertThat(registry.get("process.open.fds").gauge().value()).isEqualTo(5.0);
        assertThat(registry.get("process.max.fds").gauge().value()).isEqualTo(1048576.0);
        // Micrometer holds the gauges' object weakly; keep it alive until every read above is done.
        Reference.reachabilityFence(process);
    }

    @Test
    void registersNothingWithoutProc(@TempDir Path empty) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ProcessMetrics(empty).bindTo(registry);
        assertThat(registry.getMeters()).isEmpty();
    }
}
