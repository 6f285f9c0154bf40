package io.ignis.promql.promqltest;

import static org.assertj.core.api.Assertions.fail;

import io.ignis.promql.engine.QueryParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Prometheus's PromQL acceptance scripts ({@code shared/conformance/promql/*.test}) plus our own
 * ({@code src/test/resources/promqltest/*.test}), one dynamic test per eval named {@code file:line}.
 * Cases listed in {@code exclusions.txt} (native-histogram work not done yet) are reported but not run.
 * Prints {@code N passed, M failed} per file and in total.
 */
class PromqlConformanceTest {
    @TestFactory
    Stream<DynamicNode> scripts() throws IOException {
        QueryParser parser = ScriptQueryParser.find();
        boolean ci = "true".equals(System.getenv("CI"));
        List<Path> files = new ArrayList<>();
        Path shared = sharedDir();
        if (shared == null) {
            if (ci) {
                fail("conformance directory shared/conformance/promql not found (set -Dignis.shared.dir)");
            }
            System.out.println("PromQL conformance: shared/conformance/promql not found, running our own scripts only");
        } else {
            files.addAll(testFiles(shared));
        }
        Path own = Paths.get("src/test/resources/promqltest");
        if (Files.isDirectory(own)) {
            files.addAll(testFiles(own));
        }
        Exclusions exclusions = Exclusions.load(own.resolve("exclusions.txt"));
        List<DynamicNode> nodes = new ArrayList<>();
        int totalPassed = 0;
        int totalFailed = 0;
        int totalExcluded = 0;
        Map<String, String> summary = new LinkedHashMap<>();
        StringBuilder failures = new StringBuilder();
        StringBuilder excludedReport = new StringBuilder();
        int excludedPassing = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            List<ScriptRunner.Outcome> outcomes;
            List<DynamicTest> tests = new ArrayList<>();
            try {
                List<Command> cmds = ScriptParser.parse(name, Files.readString(f, StandardCharsets.UTF_8));
                outcomes = ScriptRunner.run(cmds, parser);
            } catch (ScriptException e) {
                tests.add(DynamicTest.dynamicTest(name, () -> fail(e.getMessage())));
                nodes.add(DynamicContainer.dynamicContainer(name, tests));
                summary.put(name, "script error: " + e.getMessage());
                totalFailed++;
                continue;
            }
            int passed = 0;
            int failed = 0;
            int excluded = 0;
            for (ScriptRunner.Outcome o : outcomes) {
                String reason = exclusions.reason(o.name());
                if (reason != null) {
                    excluded++;
                    if (o.failure() == null) {
                        excludedPassing++;
                        excludedReport.append(o.name()).append(": PASSES now, remove it from exclusions.txt\n");
                    } else {
                        excludedReport.append(o.name()).append(": ").append(o.failure()).append('\n');
                    }
                    continue;
                }
                if (o.failure() == null) {
                    passed++;
                } else {
                    failed++;
                    failures.append(o.name()).append(": ").append(o.failure()).append('\n');
                }
                String failure = o.failure();
                tests.add(DynamicTest.dynamicTest(o.name(), () -> {
                    if (failure != null) {
                        fail(failure);
                    }
                }));
            }
            summary.put(name, passed + " passed, " + failed + " failed" + (excluded > 0 ? ", " + excluded
                    + " excluded" : ""));
            totalPassed += passed;
            totalFailed += failed;
            totalExcluded += excluded;
            nodes.add(DynamicContainer.dynamicContainer(name, tests));
        }
        StringBuilder sb = new StringBuilder("PromQL conformance:\n");
        summary.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append("  total: ").append(totalPassed).append(" passed, ").append(totalFailed).append(" failed, ")
                .append(totalExcluded).append(" excluded (").append(excludedPassing)
                .append(" of them pass now)");
        System.out.println(sb);
        // The full list of failures, for whoever works through them.
        Path target = Paths.get("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("promqltest-failures.txt"), failures, StandardCharsets.UTF_8);
            Files.writeString(target.resolve("promqltest-excluded.txt"), excludedReport, StandardCharsets.UTF_8);
        }
        return nodes.stream();
    }

    private static List<Path> testFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
        }
    }

    private static Path sharedDir() {
        String prop = System.getProperty("ignis.shared.dir");
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isEmpty()) {
            candidates.add(Paths.get(prop, "conformance", "promql"));
        }
        candidates.add(Paths.get("../shared/conformance/promql"));
        candidates.add(Paths.get("../../shared/conformance/promql"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The exclusion list: {@code file:line reason} per line, {@code #} comments. */
    record Exclusions(Map<String, String> reasons) {
        static Exclusions load(Path p) {
            Map<String, String> m = new LinkedHashMap<>();
            if (!Files.exists(p)) {
                return new Exclusions(m);
            }
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    String[] parts = t.split("\\s+", 2);
                    m.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Exclusions(m);
        }

        String reason(String name) {
            return reasons.get(name);
        }
    }
}
