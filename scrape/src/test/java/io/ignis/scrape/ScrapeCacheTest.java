package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The raw-bytes lookup of the scrape cache: same bytes anywhere find the same entry, different bytes do not. */
class ScrapeCacheTest {

    @Test
    void sameBytesAtAnyOffsetHashAndMatchAlike() {
        String key = "node_cpu_seconds_total{cpu=\"3\",mode=\"idle\"}";
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ScrapeCache c = new ScrapeCache();
        c.beginScrape();
        ScrapeCache.Entry e = c.add(k, 0, k.length, Labels.of("__name__", "x"), 7);
        for (int pad = 0; pad < 17; pad++) {
            byte[] shifted = new byte[pad + k.length + 5];
            System.arraycopy(k, 0, shifted, pad, k.length);
            assertThat(ScrapeCache.hash(shifted, pad, pad + k.length)).isEqualTo(ScrapeCache.hash(k, 0, k.length));
            assertThat(c.get(shifted, pad, pad + k.length)).isSameAs(e);
        }
    }

    @Test
    void everyLengthAndEveryByteCounts() {
        // Keys of every length from 0 to 40 that differ in one byte: all distinct entries, all found again.
        ScrapeCache c = new ScrapeCache();
        c.beginScrape();
        Set<Integer> hashes = new HashSet<>();
        int keys = 0;
        for (int len = 0; len <= 40; len++) {
            for (int pos = 0; pos < Math.max(1, len); pos++) {
                byte[] k = new byte[len];
                java.util.Arrays.fill(k, (byte) 'a');
                if (len > 0) {
                    k[pos] = 'b';
                }
                if (c.get(k, 0, len) == null) {
                    c.add(k, 0, len, null, keys);
                    hashes.add(ScrapeCache.hash(k, 0, len));
                    keys++;
                }
            }
        }
        assertThat(c.size()).isEqualTo(keys);
        assertThat(hashes).as("no collisions among near-identical keys").hasSize(keys);
        for (int len = 0; len <= 40; len++) {
            for (int pos = 0; pos < Math.max(1, len); pos++) {
                byte[] k = new byte[len];
                java.util.Arrays.fill(k, (byte) 'a');
                if (len > 0) {
                    k[pos] = 'b';
                }
                assertThat(c.get(k, 0, len)).as("len %d pos %d", len, pos).isNotNull();
            }
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successfulScrapeEvictsUnseenKeysAndKeepsTheRest() {
        ScrapeCache c = new ScrapeCache();
        c.beginScrape();
        java.util.Map<String, ScrapeCache.Entry> first = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String k = "series_" + i + "{a=\"" + "x".repeat(i % 13) + "\"}";
            first.put(k, c.add(b(k), 0, b(k).length, null, i));
        }
        c.iterDone(true);

        c.beginScrape();
        for (java.util.Map.Entry<String, ScrapeCache.Entry> e : first.entrySet()) {
            int i = (int) e.getValue().ref;
            if (i % 3 != 0) {
                ScrapeCache.Entry got = c.get(b(e.getKey()), 0, b(e.getKey()).length);
                assertThat(got).isSameAs(e.getValue());
                got.lastIter = c.iter();
            }
        }
        ScrapeCache.Entry added = c.add(b("new"), 0, 3, null, 999);
        c.iterDone(true);

        assertThat(c.size()).isEqualTo(200 - 67 + 1);
        for (java.util.Map.Entry<String, ScrapeCache.Entry> e : first.entrySet()) {
            int i = (int) e.getValue().ref;
            ScrapeCache.Entry got = c.get(b(e.getKey()), 0, b(e.getKey()).length);
            if (i % 3 == 0) {
                assertThat(got).as("evicted %s", e.getKey()).isNull();
            } else {
                assertThat(got).as("kept %s", e.getKey()).isSameAs(e.getValue());
            }
        }
        assertThat(c.get(b("new"), 0, 3)).isSameAs(added);
    }

    @Test
    void aScrapeBeginsWithThePreviousScrapesRefsInItsOrder() {
        ScrapeCache c = new ScrapeCache();
        c.beginScrape();
        assertThat(c.refCount()).isZero();
        String[] keys = {"c 1", "a 1", "dropped 1", "not_stored_yet 1", "b 1"};
        long[] refs = {30, 10, 0, 0, 20};
        for (int i = 0; i < keys.length; i++) {
            byte[] k = b(keys[i]);
            Labels labels = keys[i].startsWith("dropped") ? null : Labels.of("__name__", keys[i]);
            ScrapeCache.Entry e = c.add(k, 0, k.length, labels, refs[i]);
            if (labels != null) {
                c.trackStaleness(e.tracked);
            }
        }
        c.iterDone(true);

        c.beginScrape();
        assertThat(java.util.Arrays.copyOf(c.refs(), c.refCount())).containsExactly(30, 10, 20);
        c.iterDone(true);
        c.beginScrape();
        assertThat(c.refCount()).as("nothing was scraped in between").isZero();
    }

    /** Looks each text up as a scrape does: first as the guess at its place in {@code body}, then by hash. */
    private static List<String> scrape(ScrapeCache c, String... texts) {
        List<String> how = new ArrayList<>();
        c.beginScrape();
        for (String t : texts) {
            byte[] line = b(t + " 1");
            int end = c.expectedEnd(line, 0, line.length);
            ScrapeCache.Entry e = c.lookup(line, 0, t.length());
            if (e == null) {
                e = c.add(line, 0, t.length(), Labels.of("__name__", t), 1);
                how.add(t + ":new");
            } else {
                how.add(t + (end == t.length() ? ":guessed" : ":hashed"));
            }
            e.lastIter = c.iter();
        }
        return how;
    }

    @Test
    void theOrderOfTheLastSuccessfulScrapeIsExpectedAndFollowedAcrossChanges() {
        ScrapeCache c = new ScrapeCache();
        assertThat(scrape(c, "a", "b", "c", "d")).containsExactly("a:new", "b:new", "c:new", "d:new");
        c.iterDone(true);
        assertThat(scrape(c, "a", "b", "c", "d")).containsExactly("a:guessed", "b:guessed", "c:guessed", "d:guessed");
        c.iterDone(true);
        // A series gone (b) and one new (x): found by hash once, then the expected order resumes.
        assertThat(scrape(c, "a", "c", "x", "d")).containsExactly("a:guessed", "c:hashed", "x:new", "d:guessed");
        c.iterDone(true);
        assertThat(scrape(c, "a", "c", "x", "d")).containsExactly("a:guessed", "c:guessed", "x:guessed", "d:guessed");
        c.iterDone(true);
        // Reordered: every text is still found.
        assertThat(scrape(c, "d", "a", "c", "x")).containsExactly("d:hashed", "a:hashed", "c:guessed", "x:guessed");
        c.iterDone(false);
        // After a failed scrape nothing is guessed, as its entries may have been flushed.
        assertThat(scrape(c, "d", "a", "c", "x")).containsExactly("d:hashed", "a:hashed", "c:hashed", "x:hashed");
    }

    @Test
    void aGuessIsCheckedAgainstTheInputBytes() {
        ScrapeCache c = new ScrapeCache();
        scrape(c, "metric_a", "metric_b");
        c.iterDone(true);
        c.beginScrape();
        byte[] other = b("metric_x 1");
        assertThat(c.expectedEnd(other, 0, other.length)).isEqualTo(-1);
        byte[] shorter = b("metric");
        assertThat(c.expectedEnd(shorter, 0, shorter.length)).as("input ends before the text").isEqualTo(-1);
        byte[] padded = b("   metric_a 1");
        assertThat(c.expectedEnd(padded, 3, padded.length)).isEqualTo(11);
        assertThat(c.lookup(padded, 3, 11).labels).isEqualTo(Labels.of("__name__", "metric_a"));
    }
}
