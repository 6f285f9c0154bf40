package io.ignis.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random damage to an index must surface as a StorageException (usually CorruptionException), nothing else. */
class IndexCorruptionFuzzTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void damagedIndexesFailWithStorageExceptionsOnly() throws IOException {
        Random r = new Random(SEED);
        List<Labels> series = IndexRoundTripTest.randomSeries(r, 40);
        byte[] good = Files.readAllBytes(IndexRoundTripTest.write(dir.resolve("index"), series));
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(3);
            for (int i = 0; i < flips; i++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
            }
            if (r.nextInt(10) == 0) {
                bad = Arrays.copyOf(bad, r.nextInt(bad.length));
            }
            try (IndexReader ix = IndexReader.of("fuzz", ByteBuffer.wrap(bad))) {
                for (String n : ix.labelNames()) {
                    for (String v : ix.labelValues(n)) {
                        Postings.toArray(ix.postings(n, v));
                    }
                }
                Postings p = ix.allPostings();
                while (p.next()) {
                    ix.series(p.at(), new ArrayList<>());
                }
            } catch (StorageException e) {
                failures++;
                assertThat(e.getMessage()).as("seed %d round %d", SEED, round).startsWith("corrupt fuzz");
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + " round " + round + ": unexpected " + e, e);
            }
        }
        assertThat(failures).as("most damage is detected").isGreaterThan(200);
    }
}
