package io.ignis.bench.promql;

import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.engine.Query;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import io.ignis.storage.MergeQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.tsdb.Block;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times the dashboard queries ({@link DashboardQueries}) end to end through the engine, for the comparison
 * with Prometheus: over the blocks of a data directory ({@code --blocks DIR}, opened with {@link Block#open}
 * and merged with {@link MergeQuerier}) or over an in-memory head ({@code --head SERIES}, the JMH fixture).
 * Each query runs {@code --runs} times as an instant query at {@code --end} (ms) and as a range query over
 * the {@code --range} seconds before it at {@code --step} seconds, after one warm-up run; prints one line per
 * query and kind with the median wall and CPU milliseconds. CPU time is the evaluating thread's, which stays
 * meaningful on a loaded machine. {@code --list} prints the queries' names and texts (tab-separated).
 */
public final class PromqlQueryTimer {
    private PromqlQueryTimer() {
    }

    public static void main(String[] args) throws IOException {
        Path blocks = null;
        int headSeries = 0;
        long end = -1;
        long rangeSec = 3600;
        long stepSec = 15;
        int runs = 5;
        String only = null;
        if (args.length == 1 && args[0].equals("--list")) {
            for (String[] q : DashboardQueries.ALL) {
                System.out.println(q[0] + "\t" + q[1]);
            }
            return;
        }
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                usage("missing value for " + args[i]);
            }
            switch (args[i]) {
                case "--blocks" -> blocks = Path.of(v);
                case "--head" -> headSeries = Integer.parseInt(v);
                case "--end" -> end = Long.parseLong(v);
                case "--range" -> rangeSec = Long.parseLong(v);
                case "--step" -> stepSec = Long.parseLong(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--only" -> only = "," + v + ",";
                default -> usage("unknown flag " + args[i]);
            }
        }
        List<Block> opened = new ArrayList<>();
        DashboardStorage head = null;
        Queryable storage;
        if (blocks != null) {
            opened = openBlocks(blocks);
            List<Block> all = opened;
            storage = (mint, maxt) -> {
                List<Querier> qs = new ArrayList<>();
                for (Block b : all) {
                    if (b.overlapsClosedInterval(mint, maxt)) {
                        qs.add(b.querier(mint, maxt));
                    }
                }
                return new MergeQuerier(qs);
            };
            if (end < 0) {
                end = all.stream().mapToLong(Block::maxTime).max().orElseThrow() - 1;
            }
        } else if (headSeries > 0) {
            head = new DashboardStorage(headSeries);
            storage = head.head;
            if (end < 0) {
                end = DashboardStorage.END_MS;
            }
        } else {
            usage("one of --blocks or --head is required");
            return;
        }
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-20s %-8s %10s %10s %8s%n", "query", "kind", "wall_ms", "cpu_ms", "result");
        for (String[] q : DashboardQueries.ALL) {
            if (only != null && !only.contains("," + q[0] + ",")) {
                continue;
            }
            for (String kind : new String[] {"instant", "range"}) {
                double[] wall = new double[runs];
                double[] cpus = new double[runs];
                int size = 0;
                for (int r = -1; r < runs; r++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    Query query = kind.equals("instant")
                            ? engine.newInstantQuery(storage, q[1], end)
                            : engine.newRangeQuery(storage, q[1], end - rangeSec * 1000, end, stepSec * 1000);
                    size = resultSize(query);
                    if (r >= 0) {
                        wall[r] = (System.nanoTime() - w0) / 1e6;
                        cpus[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "%-20s %-8s %10.1f %10.1f %8d%n", q[0], kind, median(wall),
                        median(cpus), size);
            }
        }
        for (Block b : opened) {
            b.close();
        }
        if (head != null) {
            head.close();
        }
    }

    private static int resultSize(Query query) {
        Value v = query.exec().value();
        if (v instanceof Vector vec) {
            return vec.size();
        }
        if (v instanceof Matrix m) {
            return m.size();
        }
        return 1;
    }

    private static List<Block> openBlocks(Path dir) throws IOException {
        List<Block> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p.resolve("meta.json"))) {
                    out.add(Block.open(p));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no blocks (directories with meta.json) in " + dir);
        }
        return out;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private static void usage(String why) {
        System.err.println(why);
        System.err.println("usage: PromqlQueryTimer (--blocks DIR | --head SERIES) [--end MS] [--range SEC] "
                + "[--step SEC] [--runs N] [--only name,name]");
        System.exit(2);
    }
}
