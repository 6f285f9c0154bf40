package io.ignis.bench.promql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link DashboardData} as an OpenMetrics file for {@code promtool tsdb create-blocks-from
 * openmetrics}. Usage: {@code DashboardOpenMetricsWriter <series> <startMs> <intervalMs> <steps> <file>}.
 */
public final class DashboardOpenMetricsWriter {
    private DashboardOpenMetricsWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: DashboardOpenMetricsWriter <series> <startMs> <intervalMs> <steps> <file>");
            System.exit(2);
        }
        int series = Integer.parseInt(args[0]);
        long startMs = Long.parseLong(args[1]);
        long intervalMs = Long.parseLong(args[2]);
        int steps = Integer.parseInt(args[3]);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(Path.of(args[4])), StandardCharsets.UTF_8), 1 << 20)) {
            new DashboardData(series).writeOpenMetrics(out, startMs, intervalMs, steps);
        }
    }
}
