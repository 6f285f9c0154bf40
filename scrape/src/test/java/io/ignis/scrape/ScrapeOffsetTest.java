package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScrapeOffsetTest {

    record Vector(String name, String input, long want) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Published XXH64 (seed 0) vectors: empty, short tail paths, and one past 32 bytes (the four lanes). */
    static Stream<Vector> xxhashVectors() {
        return Stream.of(
                new Vector("empty", "", 0xEF46DB3751D8E999L),
                new Vector("a", "a", 0xD24EC4F1A98C6E5BL),
                new Vector("abc", "abc", 0x44BC2CF5AD770999L),
                new Vector("39 bytes", "Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xxhashVectors")
    void xxhash64MatchesReferenceVectors(Vector v) {
        byte[] b = v.input().getBytes(StandardCharsets.UTF_8);
        assertThat(XxHash64.hash(b, 0, b.length)).isEqualTo(v.want());
    }

    @Test
    void fnv1a64MatchesReferenceVectors() {
        assertThat(ScrapeOffset.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
        assertThat(ScrapeOffset.fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(ScrapeOffset.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void labelsHashIsXxhashOfSeparatedPairs() {
        byte[] b = "a\u00ff1\u00ffb\u00ff2\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ScrapeOffset.labelsHash(Labels.of("a", "1", "b", "2"))).isEqualTo(XxHash64.hash(b, 0, b.length));
    }

    @Test
    void firstDelayStaysWithinOneIntervalAndIsPinnedToAbsoluteTime() {
        long interval = 15_000_000_000L;
        long h = ScrapeOffset.targetHash(Labels.of("__address__", "localhost:9100", "job", "node"),
                "http://localhost:9100/metrics");
        long seed = ScrapeOffset.seed("host.example", Labels.EMPTY);
        long now = 1_700_000_000_123_456_789L;
        for (long step = 0; step < interval * 3; step += 1_234_567_891L) {
            long d = ScrapeOffset.firstDelayNanos(h, seed, interval, now + step);
            assertThat(d).isBetween(0L, interval);
            // The phase (time of the first scrape modulo the interval) is the same whenever we ask.
            assertThat(Math.floorMod(now + step + d, interval))
                    .isEqualTo(Math.floorMod(now + ScrapeOffset.firstDelayNanos(h, seed, interval, now), interval));
        }
        assertThat(ScrapeOffset.firstDelayNanos(h, seed ^ 1, interval, now))
                .isNotEqualTo(ScrapeOffset.firstDelayNanos(h, seed, interval, now));
    }
}
