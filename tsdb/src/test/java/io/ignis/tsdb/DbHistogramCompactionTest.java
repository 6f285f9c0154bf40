package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static io.ignis.tsdb.TestHistograms.f;
import static io.ignis.tsdb.TestHistograms.h;
import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.CounterResetHint;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkEncoding;
import io.ignis.tsdb.chunkenc.Chunks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Head compaction writes the head's histogram chunks into the block as they are. */
class DbHistogramCompactionTest {
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    Path dir;

    @Test
    void headCompactionKeepsHistogramChunksAndTheirSamples() throws IOException {
        Labels ints = Labels.of("__name__", "m", "kind", "int");
        Labels floats = Labels.of("__name__", "m", "kind", "float");
        Labels mixed = Labels.of("__name__", "m", "kind", "mixed");
        DbOptions opts = DbOptions.defaults().withHead(HeadOptions.defaults().withStripeSize(64));
        try (Db db = Db.open(dir, opts)) {
            for (int c = 0; c < 7 * 12; c++) {
                Appender a = db.appender();
                long t = T0 + c * 300_000L;
                a.appendHistogram(0, ints, t, h(0, c, c / 6 + 1, c + 1), null);
                a.appendHistogram(0, floats, t, null, f(h(CounterResetHint.GAUGE, 2, c % 7, c % 5 + 1)));
                if (c % 24 < 12) {
                    a.append(0, mixed, t, c);
                } else {
                    a.appendHistogram(0, mixed, t, h(1, c, 1), null);
                }
                a.commit();
            }
            Map<String, List<String>> before = read(db, T0, T0 + 8 * HOUR);
            // The mixed series has histograms at c % 24 in [12, 24): 36 of its 84 samples.
            assertThat(db.stats().headHistogramSamplesAppended()).isEqualTo(84 + 84 + 36);
            assertThat(db.stats().headSamplesAppended()).isEqualTo(84 - 36);
            assertThat(db.compact()).isEqualTo(2);
            assertThat(db.blocks()).hasSize(2);
            TreeSet<String> encodings = new TreeSet<>();
            Map<String, List<String>> inBlock = new TreeMap<>();
            try (ChunkQuerier q = db.blocks().get(0).chunkQuerier(T0, T0 + 2 * HOUR - 1)) {
                ChunkSeriesSet set = q.select(true, null, Matcher.equal("__name__", "m"));
                while (set.next()) {
                    List<String> samples = inBlock.computeIfAbsent(set.at().labels().toString(),
                            k -> new ArrayList<>());
                    ChunkIterator it = set.at().iterator(null);
                    while (it.next()) {
                        encodings.add(set.at().labels().get("kind") + ":"
                                + ChunkEncoding.fromCode(it.chunk().encodingCode()).promName());
                        SampleIterator s = Chunks.of(it.chunk()).iterator(null);
                        for (SampleType st = s.next(); st != SampleType.NONE; st = s.next()) {
                            samples.add(switch (st) {
                                case FLOAT -> TestHistograms.sample(s.atT(), s.atV());
                                case HISTOGRAM -> TestHistograms.sample(s.atT(), s.atHistogram());
                                default -> TestHistograms.sample(s.atT(), s.atFloatHistogram());
                            });
                        }
                    }
                }
            }
            assertThat(encodings).containsExactly("float:floathistogram", "int:histogram", "mixed:XOR",
                    "mixed:histogram");
            Map<String, List<String>> want = new TreeMap<>();
            for (Map.Entry<String, List<String>> e : before.entrySet()) {
                want.put(e.getKey(), e.getValue().subList(0, 24));
            }
            assertThat(inBlock).as("the first block's samples, decoded from its chunks").isEqualTo(want);
        }
    }

    private static Map<String, List<String>> read(Db db, long mint, long maxt) {
        try (Querier q = db.querier(mint, maxt)) {
            return TestHistograms.read(q, Matcher.equal("__name__", "m"));
        }
    }
}
