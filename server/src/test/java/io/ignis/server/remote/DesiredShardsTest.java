package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shard-count rule on a first tick over a 10 s interval (rates equal the instant rates). */
class DesiredShardsTest {
    record Case(String name, long in, long out, long dropped, double sendSeconds, double delay, int current,
                int want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing sent keeps the count", 1000, 0, 0, 0, 0, 3, 3),
                new Case("keeping up with one shard", 10_000, 10_000, 0, 10, 0, 1, 1),
                new Case("ten times the input needs ten shards", 100_000, 10_000, 0, 10, 0, 1, 10),
                new Case("clamped to max_shards", 10_000_000, 10_000, 0, 10, 0, 1, 50),
                new Case("within 30% tolerance keeps the count", 120_000, 10_000, 0, 10, 0, 10, 10),
                new Case("no downsharding while 20 s behind", 10_000, 10_000, 0, 10, 20, 10, 10),
                new Case("downsharding when caught up", 10_000, 10_000, 0, 10, 0, 10, 1),
                new Case("clamped to min_shards", 100, 10_000, 0, 1, 0, 10, 2),
                new Case("dropped samples need no shards", 100_000, 10_000, 90_000, 10, 0, 1, 1),
                new Case("backlog adds 5% per second", 10_000, 10_000, 0, 10, 200, 1, 11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void desiredShards(Case c) {
        int min = c.name().contains("min_shards") ? 2 : 1;
        int got = new DesiredShards().tick(10, c.in(), c.out(), c.dropped(), (long) (c.sendSeconds() * 1e9), c.delay(),
                c.current(), min, 50);
        assertThat(got).isEqualTo(c.want());
    }
}
