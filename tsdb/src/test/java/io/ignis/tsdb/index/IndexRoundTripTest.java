package io.ignis.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.CorruptionException;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.files.MappedFileLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(MappedFileLeakCheck.class)
class IndexRoundTripTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    /** Writes series (sorted) with synthetic chunk metas and returns the file. */
    static Path write(Path file, List<Labels> series) throws IOException {
        TreeSet<String> syms = new TreeSet<>(Utf8Order.INSTANCE);
        for (Labels l : series) {
            for (int i = 0; i < l.size(); i++) {
                syms.add(l.name(i));
                syms.add(l.value(i));
            }
        }
        try (IndexWriter w = new IndexWriter(file)) {
            w.addSymbols(new ArrayList<>(syms));
            for (int s = 0; s < series.size(); s++) {
                w.addSeries(series.get(s), metas(s));
            }
        }
        return file;
    }

    /** Chunk metas for series number s; refs grow across series and switch segment every 50 series. */
    static List<ChunkMeta> metas(int s) {
        long ref = ((long) (s / 50) << 32) | (8 + (s % 50) * 1000L);
        List<ChunkMeta> out = new ArrayList<>();
        long t = -5000 + s * 7L;
        for (int c = 0; c < s % 4; c++) {
            out.add(new ChunkMeta(ref + c * 100L, t, t + 10 + c));
            t += 100 + c;
        }
        return out;
    }

    static List<Labels> randomSeries(Random r, int n) {
        TreeSet<Labels> set = new TreeSet<>();
        String[] names = {"__name__", "job", "instance", "le", "path", "ünïcode"};
        while (set.size() < n) {
            List<String> kv = new ArrayList<>();
            for (String name : names) {
                if (r.nextInt(3) > 0) {
                    kv.add(name);
                    kv.add(name.charAt(0) + "v" + r.nextInt(6) + (r.nextInt(10) == 0 ? "\uD83D\uDE00" : ""));
                }
            }
            set.add(Labels.of(kv.toArray(new String[0])));
        }
        return new ArrayList<>(set);
    }

    @Test
    void seriesPostingsAndValuesRoundTrip() throws IOException {
        Random r = new Random(SEED);
        List<Labels> series = randomSeries(r, 200);
        Path file = write(dir.resolve("index"), series);
        try (IndexReader ix = IndexReader.open(file)) {
            assertThat(ix.version()).isEqualTo(2);
            long[] all = Postings.toArray(ix.allPostings());
            assertThat(all).hasSize(series.size());
            TreeMap<String, TreeMap<String, List<Long>>> model = new TreeMap<>();
            for (int s = 0; s < series.size(); s++) {
                List<ChunkMeta> got = new ArrayList<>();
                Labels l = ix.series(all[s], got);
                assertThat(l).as("seed %d series %d", SEED, s).isEqualTo(series.get(s));
                assertThat(got).isEqualTo(metas(s));
                for (int i = 0; i < l.size(); i++) {
                    model.computeIfAbsent(l.name(i), k -> new TreeMap<>(Utf8Order.INSTANCE))
                            .computeIfAbsent(l.value(i), k -> new ArrayList<>()).add(all[s]);
                }
            }
            assertThat(ix.labelNames()).containsExactlyElementsOf(model.keySet());
            for (var e : model.entrySet()) {
                assertThat(ix.labelValues(e.getKey())).containsExactlyElementsOf(e.getValue().keySet());
                for (var v : e.getValue().entrySet()) {
                    assertThat(Postings.toArray(ix.postings(e.getKey(), v.getKey())))
                            .containsExactly(v.getValue().stream().mapToLong(Long::longValue).toArray());
                }
            }
            assertThat(Postings.toArray(ix.postings("job", "nope"))).isEmpty();
            assertThat(Postings.toArray(ix.postings("nope", "x"))).isEmpty();
        }
    }

    /** A file mapped as many small overlapping windows reads exactly as one mapping (the >2 GiB path). */
    @Test
    void windowedMappingReadsTheSame() throws IOException {
        Random r = new Random(SEED);
        List<Labels> series = randomSeries(r, 300);
        Path file = write(dir.resolve("index"), series);
        long size = Files.size(file);
        try (IndexReader one = IndexReader.open(file); IndexReader many = IndexReader.open(file, 1024, 1024 + 8192)) {
            assertThat(size).as("the file needs several windows").isGreaterThan(4 * 1024);
            long[] all = Postings.toArray(one.allPostings());
            assertThat(Postings.toArray(many.allPostings())).containsExactly(all);
            for (long id : all) {
                List<ChunkMeta> a = new ArrayList<>();
                List<ChunkMeta> b = new ArrayList<>();
                assertThat(many.series(id, b)).isEqualTo(one.series(id, a));
                assertThat(b).isEqualTo(a);
            }
            for (String n : one.labelNames()) {
                assertThat(many.labelValues(n)).isEqualTo(one.labelValues(n));
                for (String v : one.labelValues(n)) {
                    assertThat(Postings.toArray(many.postings(n, v)))
                            .containsExactly(Postings.toArray(one.postings(n, v)));
                }
            }
        }
        assertThatThrownBy(() -> IndexReader.open(file, 64, 128).close()).isInstanceOf(StorageException.class)
                .hasMessageContaining("exceeds the 64-byte mapping window");
    }

    @Test
    void emptyIndexIsValid() throws IOException {
        Path file = write(dir.resolve("index"), List.of());
        try (IndexReader ix = IndexReader.open(file)) {
            assertThat(Postings.toArray(ix.allPostings())).isEmpty();
            assertThat(ix.labelNames()).isEmpty();
        }
    }

    @Test
    void knownLayoutOfTinyIndex() throws IOException {
        Path file = write(dir.resolve("index"), List.of(Labels.of("a", "b")));
        byte[] b = Files.readAllBytes(file);
        ByteBuffer bb = ByteBuffer.wrap(b);
        assertThat(bb.getInt(0)).isEqualTo(0xBAAAD700);
        assertThat(b[4]).isEqualTo((byte) 2);
        // Symbols at 5: len = 4 (count) + 2 + 2, count 2, "a", "b".
        assertThat(bb.getInt(5)).isEqualTo(8);
        assertThat(bb.getInt(9)).isEqualTo(2);
        assertThat(new byte[] {b[13], b[14], b[15], b[16]}).containsExactly(1, 'a', 1, 'b');
        // Series at the next 16-byte boundary after the symbols' CRC (ends at 21): 32, ID 2.
        assertThat(b[32]).as("series entry length").isEqualTo((byte) 4);
        assertThat(new byte[] {b[33], b[34], b[35], b[36]}).containsExactly(1, 0, 1, 0);
        long[] toc = new long[6];
        for (int i = 0; i < 6; i++) {
            toc[i] = bb.getLong(b.length - 52 + 8 * i);
        }
        assertThat(toc[0]).isEqualTo(5);
        assertThat(toc[1]).isEqualTo(21);
        assertThat(toc[2]).as("label indices: empty, right after series").isEqualTo(41);
        assertThat(toc[4]).as("postings 4-aligned").isEqualTo(44);
        assertThat(toc[3]).isEqualTo(toc[5]);
        // All postings: len 8, count 1, ID 2.
        assertThat(bb.getInt(44)).isEqualTo(8);
        assertThat(bb.getInt(48)).isEqualTo(1);
        assertThat(bb.getInt(52)).isEqualTo(2);
    }

    @Test
    void corruptedChecksumsAreReported() throws IOException {
        Path file = write(dir.resolve("index"), List.of(Labels.of("a", "b"), Labels.of("a", "c")));
        byte[] good = Files.readAllBytes(file);

        byte[] badSymbols = good.clone();
        badSymbols[14] ^= 1;
        assertThatThrownBy(() -> IndexReader.of("idx", ByteBuffer.wrap(badSymbols)))
                .isInstanceOf(CorruptionException.class)
                .hasMessageStartingWith("corrupt idx at offset 5: symbol table checksum mismatch: expected 0x");

        byte[] badSeries = good.clone();
        badSeries[35] ^= 1;
        try (IndexReader ix = IndexReader.of("idx", ByteBuffer.wrap(badSeries))) {
            assertThatThrownBy(() -> ix.series(2, null)).isInstanceOf(CorruptionException.class)
                    .hasMessageStartingWith("corrupt idx at offset 32: series checksum mismatch");
        }

        byte[] badToc = good.clone();
        badToc[good.length - 10] ^= 1;
        assertThatThrownBy(() -> IndexReader.of("idx", ByteBuffer.wrap(badToc)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("TOC checksum mismatch");

        byte[] badMagic = good.clone();
        badMagic[0] = 0;
        assertThatThrownBy(() -> IndexReader.of("idx", ByteBuffer.wrap(badMagic)))
                .isInstanceOf(CorruptionException.class)
                .hasMessage("corrupt idx at offset 0: invalid magic number: expected 0xBAAAD700, actual 0x00AAD700");
    }

    @Test
    void writerRejectsOutOfOrderInput() throws IOException {
        try (IndexWriter w = new IndexWriter(dir.resolve("i1"))) {
            assertThatThrownBy(() -> w.addSymbols(List.of("b", "a"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("symbol \"a\" out-of-order after \"b\"");
        }
        try (IndexWriter w = new IndexWriter(dir.resolve("i2"))) {
            w.addSymbols(List.of("a", "b", "c"));
            w.addSeries(Labels.of("a", "c"), List.of());
            assertThatThrownBy(() -> w.addSeries(Labels.of("a", "b"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out-of-order series");
            assertThatThrownBy(() -> w.addSeries(Labels.of("b", "x"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("symbol entry for \"x\" does not exist");
        }
    }

    record MatchCase(String name, List<Matcher> matchers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<MatchCase> matcherCases() {
        return Stream.of(
                new MatchCase("equal", List.of(Matcher.equal("job", "jv1"))),
                new MatchCase("equal empty: label absent", List.of(Matcher.equal("le", ""))),
                new MatchCase("not equal", List.of(Matcher.notEqual("job", "jv1"))),
                new MatchCase("not equal empty: label present", List.of(Matcher.notEqual("le", ""))),
                new MatchCase("regex", List.of(Matcher.regex("job", "jv[12]"))),
                new MatchCase("regex matching empty", List.of(Matcher.regex("job", "jv1|"))),
                new MatchCase("regex .*", List.of(Matcher.regex("job", ".*"), Matcher.equal("path", "pv2"))),
                new MatchCase("regex .+", List.of(Matcher.regex("job", ".+"))),
                new MatchCase("not regex .+", List.of(Matcher.notRegex("job", ".+"))),
                new MatchCase("not regex .*", List.of(Matcher.notRegex("job", ".*"))),
                new MatchCase("not regex", List.of(Matcher.notRegex("job", "jv[12]"), Matcher.regex("path", ".+"))),
                new MatchCase("set and unset", List.of(Matcher.regex("le", ".+"), Matcher.equal("path", ""))),
                new MatchCase("must be set and not", List.of(Matcher.regex("job", "j.*"),
                        Matcher.notEqual("job", "jv3"))),
                new MatchCase("unknown label equal", List.of(Matcher.equal("nope", "x"))),
                new MatchCase("unknown label empty", List.of(Matcher.equal("nope", ""))),
                new MatchCase("several", List.of(Matcher.equal("__name__", "_v1"), Matcher.notRegex("instance",
                        "iv[0-2]"), Matcher.regex("le", "lv.*|"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matcherCases")
    void postingsForMatchersAgreesWithNaiveModel(MatchCase c) throws IOException {
        List<Labels> series = randomSeries(new Random(42), 150);
        Path file = write(dir.resolve("index"), series);
        try (IndexReader ix = IndexReader.open(file)) {
            long[] all = Postings.toArray(ix.allPostings());
            List<Long> want = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                boolean ok = true;
                for (Matcher m : c.matchers()) {
                    ok &= m.matches(series.get(s).get(m.name()));
                }
                if (ok) {
                    want.add(all[s]);
                }
            }
            long[] got = Postings.toArray(PostingsForMatchers.select(ix, c.matchers().toArray(new Matcher[0])));
            assertThat(got).containsExactly(want.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
