package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UlidTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void knownEncodings() {
        assertThat(new Ulid(0, 0)).hasToString("00000000000000000000000000");
        assertThat(new Ulid(-1, -1)).hasToString("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        // The ULID spec's example timestamp 1469918176385 encodes as 01ARYZ6S41.
        assertThat(Ulid.of(1469918176385L, 0, 0).toString()).startsWith("01ARYZ6S41");
        assertThat(Ulid.parse("01ARYZ6S41TSV4RRFFQ69G5FAV").timestamp()).isEqualTo(1469918176385L);
        assertThatThrownBy(() -> Ulid.parse("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ulid.parse("01ARYZ6S41TSV4RRFFQ69G5FAU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad character at 25");
        assertThat(Ulid.isValid("01arYZ6S41TSV4RRFFQ69G5FAV")).isTrue();
    }

    @Test
    void randomRoundTripAndOrder() {
        Random r = new Random(SEED);
        for (int i = 0; i < 1000; i++) {
            Ulid a = Ulid.of(r.nextLong() >>> 16, r.nextInt(1 << 16), r.nextLong());
            Ulid b = Ulid.of(r.nextLong() >>> 16, r.nextInt(1 << 16), r.nextLong());
            assertThat(Ulid.parse(a.toString())).as("seed %d", SEED).isEqualTo(a);
            assertThat(Integer.signum(a.toString().compareTo(b.toString()))).isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }

    @Test
    void generatorIsMonotonicWithinAMillisecondAndWhenTheClockGoesBack() {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        UlidGenerator g = new UlidGenerator(now::get, new Random(SEED));
        Ulid prev = g.next();
        for (int i = 0; i < 100; i++) {
            if (i == 50) {
                now.addAndGet(-5);
            } else if (i % 10 == 0) {
                now.incrementAndGet();
            }
            Ulid u = g.next();
            assertThat(u).isGreaterThan(prev);
            assertThat(u.toString()).isGreaterThan(prev.toString());
            prev = u;
        }
    }
}
