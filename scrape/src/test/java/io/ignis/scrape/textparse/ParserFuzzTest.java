package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.LabelsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing: thousands of mutated exposition bodies per parser; draining each one, with every
 * accessor called, may only ever throw {@link ExpositionException}, and must terminate. The seed is printed
 * on failure and can be fixed with {@code -Dtests.seed=N}; {@code -Dtests.fuzz.iterations=N} runs longer.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a parser stuck in a loop fails, not hangs
class ParserFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("tests.fuzz.iterations", 4000);
    private static final byte[] INTERESTING = "\"{}=,# \n\t\\0123456789.eE+-_xpPInfNa\u0000\u00ff_created le quantile"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final long seed = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void promParser() throws IOException {
        fuzz(corpus(".prom.txt", "a{b=\"c\"} 1 2\n# HELP x y\n# TYPE x counter\n{\"q.x\",le=\"1\"} NaN\n"),
                b -> new PromParser(b, 0, b.length));
    }

    @Test
    void openMetricsParser() throws IOException {
        List<byte[]> corpus = corpus(".om.txt",
                "# TYPE a counter\na_total 1 1.5 # {t=\"x\"} 2 3.5\na_created 1\n# EOF\n");
        fuzz(corpus, b -> new OpenMetricsParser(b, 0, b.length, false));
        fuzz(corpus, b -> new OpenMetricsParser(b, 0, b.length, true));
    }

    @Test
    void nhcbConversion() throws IOException {
        List<byte[]> corpus = corpus(".om.txt", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n# EOF\n");
        fuzz(corpus, b -> new NhcbParser(new OpenMetricsParser(b, 0, b.length, true), false, true));
        fuzz(corpus(".prom.txt", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\n"),
                b -> new NhcbParser(new PromParser(b, 0, b.length), true, false));
    }

    @Test
    void protobufParser() throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(ProtoInputs.fromTextFormat(Files.readString(
                Paths.get("src/test/resources/textparse/families.pb.txt"), StandardCharsets.UTF_8)));
        fuzz(corpus, b -> new ProtobufParser(b, 0, b.length, false, true));
        fuzz(corpus, b -> new ProtobufParser(b, 0, b.length, true, false));
    }

    static List<byte[]> corpus(String suffix, String extra) throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        try (var files = Files.list(Paths.get("src/test/resources/textparse"))) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(suffix)).sorted()::iterator) {
                corpus.add(Files.readAllBytes(f));
            }
        }
        corpus.add(extra.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(corpus).hasSizeGreaterThan(1);
        return corpus;
    }

    private void fuzz(List<byte[]> corpus, Function<byte[], Parser> factory) {
        Random r = new Random(seed);
        int failures = 0;
        for (int n = 0; n < ITERATIONS; n++) {
            byte[] input = mutate(r, corpus);
            try {
                drain(factory.apply(input), input.length);
            } catch (ExpositionException e) {
                failures++;
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                throw new AssertionError("seed " + seed + " iteration " + n + ": " + e + " on input "
                        + GoText.quote(input, 0, input.length), e);
            }
        }
        // Both outcomes must occur, or the mutations are too weak (or too strong) to mean anything.
        assertThat(failures).as("seed %d", seed).isBetween(1, ITERATIONS - 1);
    }

    private static void drain(Parser p, int length) {
        LabelsBuilder lb = new LabelsBuilder();
        ParsedExemplar ex = new ParsedExemplar();
        int limit = 4 * length + 16;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (--limit < 0) {
                throw new AssertionError("parser does not terminate");
            }
            switch (e) {
                case SERIES, HISTOGRAM -> {
                    assertThat(p.seriesStart()).isLessThanOrEqualTo(p.seriesEnd());
                    assertThat(p.seriesEnd()).isLessThanOrEqualTo(p.seriesBuffer().length);
                    p.labels(lb);
                    lb.build();
                    p.value();
                    p.createdTimestamp();
                    p.hasTimestamp();
                    p.type();
                    p.unit();
                    if (e == Entry.HISTOGRAM) {
                        assertThat(p.histogram() != null || p.floatHistogram() != null).isTrue();
                    }
                    int exemplars = 0;
                    while (p.exemplar(ex) && ++exemplars < 1000) {
                        ex.toExemplar();
                    }
                }
                case HELP -> {
                    p.metricFamily();
                    p.help();
                }
                case TYPE -> p.type();
                case UNIT -> p.unit();
                case COMMENT -> p.comment();
                default -> throw new AssertionError(e);
            }
        }
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    static byte[] mutate(Random r, List<byte[]> corpus) {
        byte[] b = corpus.get(r.nextInt(corpus.size())).clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> b = insert(b, at, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(32));
                    b = insert(b, r.nextInt(b.length), Arrays.copyOfRange(b, at, at + len));
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }
}
