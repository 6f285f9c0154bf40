package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each {@code textparse/NAME.prom.txt} or {@code NAME.om.txt} input is parsed and its entry stream compared
 * with {@code NAME.*.golden}; names with {@code .nhcb.} go through the NHCB conversion ({@code .keep.}: keeping
 * the classic series), names with {@code skipcreated} hide OpenMetrics {@code _created} series. Run with
 * {@code -Dtextparse.updateGolden=true} to rewrite the golden files (then review the diff: the golden files
 * are the specification).
 */
class GoldenTest {
    private static final Path DIR = Paths.get("src/test/resources/textparse");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.filter(f -> f.toString().endsWith(".txt")).sorted().forEach(input -> {
                String name = input.getFileName().toString();
                if (name.endsWith(".pb.txt")) {
                    for (String mode : new String[] {"", ".classic", ".ignorenative"}) {
                        tests.add(DynamicTest.dynamicTest(name + mode, () -> checkProto(input, mode)));
                    }
                } else {
                    tests.add(DynamicTest.dynamicTest(name, () -> check(input)));
                }
            });
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(2);
        return tests.stream();
    }

    private static void check(Path input) throws IOException {
        String name = input.getFileName().toString();
        byte[] b = Files.readAllBytes(input);
        Parser p = name.endsWith(".om.txt")
                ? new OpenMetricsParser(b, 0, b.length, name.contains("skipcreated") || name.contains(".nhcb."))
                : new PromParser(b, 0, b.length);
        if (name.contains(".nhcb.")) {
            p = new NhcbParser(p, name.contains(".keep."), true);
        }
        compare(EntryPrinter.print(p), input.resolveSibling(name.substring(0, name.length() - 4) + ".golden"));
    }

    /** Protobuf inputs are text-format families; each is checked plain, with classic buckets, and classic only. */
    private static void checkProto(Path input, String mode) throws IOException {
        String name = input.getFileName().toString();
        byte[] b = ProtoInputs.fromTextFormat(Files.readString(input, StandardCharsets.UTF_8));
        Parser p = new ProtobufParser(b, 0, b.length, mode.equals(".ignorenative"), mode.equals(".classic"));
        compare(EntryPrinter.print(p), input.resolveSibling(name.substring(0, name.length() - 4) + mode + ".golden"));
    }

    private static void compare(String got, Path golden) throws IOException {
        if (Boolean.getBoolean("textparse.updateGolden")) {
            Files.writeString(golden, got, StandardCharsets.UTF_8);
        }
        assertThat(got).isEqualTo(read(golden));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
