package io.ignis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code process_*} metrics as Prometheus's process collector names them, read from {@code /proc/self}
 * (so they describe the whole JVM, not just the heap). On a system without {@code /proc} nothing is registered.
 * Like Prometheus's procfs reader, CPU ticks are taken at 100 per second and pages as 4 KiB.
 */
public final class ProcessMetrics implements MeterBinder {
    private static final double TICKS_PER_SECOND = 100;
    private static final long PAGE_SIZE = 4096;

    private final Path proc;

    public ProcessMetrics() {
        this(Path.of("/proc"));
    }

    ProcessMetrics(Path proc) {
        this.proc = proc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(proc.resolve("self/stat"))) {
            return;
        }
        FunctionCounter.builder("process.cpu.seconds", this, m -> (m.stat(14) + m.stat(15)) / TICKS_PER_SECOND)
                .description("Total user and system CPU time spent in seconds.").register(registry);
        Gauge.builder("process.resident.memory.bytes", this, m -> m.stat(24) * PAGE_SIZE)
                .description("Resident memory size in bytes.").register(registry);
        Gauge.builder("process.virtual.memory.bytes", this, m -> m.stat(23))
                .description("Virtual memory size in bytes.").register(registry);
        double startTime = startTimeSeconds();
        Gauge.builder("process.start.time.seconds", () -> startTime)
                .description("Start time of the process since unix epoch in seconds.").register(registry);
        Gauge.builder("process.open.fds", this, ProcessMetrics::openFds)
                .description("Number of open file descriptors.").register(registry);
        Gauge.builder("process.max.fds", this, ProcessMetrics::maxFds)
                .description("Maximum number of open file descriptors.").register(registry);
    }

    /**
     * One field of {@code /proc/self/stat}, numbered from 1 as proc(5) numbers them (14 utime, 15 stime,
     * 22 starttime, 23 vsize, 24 rss). The split starts after the command name, which may hold spaces.
     */
    double stat(int field) {
        String[] fields = statFields();
        return fields == null ? Double.NaN : Double.parseDouble(fields[field - 3]);
    }

    private String[] statFields() {
        try {
            String stat = Files.readString(proc.resolve("self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    private double startTimeSeconds() {
        try {
            long bootTime = 0;
            for (String line : Files.readAllLines(proc.resolve("stat"))) {
                if (line.startsWith("btime ")) {
                    bootTime = Long.parseLong(line.substring(6).trim());
                }
            }
            return bootTime + stat(22) / TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private double openFds() {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("self/fd"))) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return n;
    }

    private double maxFds() {
        try {
            List<String> lines = Files.readAllLines(proc.resolve("self/limits"));
            for (String line : lines) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Double.POSITIVE_INFINITY : Double.parseDouble(soft);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
