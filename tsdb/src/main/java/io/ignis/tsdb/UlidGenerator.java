package io.ignis.tsdb;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Makes strictly increasing ULIDs: within one millisecond (or if the clock goes back) the random part of the
 * previous ULID is incremented, as the ULID spec's monotonic mode and Prometheus's {@code ulid.Monotonic} do.
 * Thread-safe.
 */
public final class UlidGenerator {
    private final LongSupplier clock;
    private final Random random;
    private Ulid last;

    /** Wall clock and a secure random source. */
    public UlidGenerator() {
        this(System::currentTimeMillis, new SecureRandom());
    }

    /** An injected clock (ms) and random source, for tests. */
    public UlidGenerator(LongSupplier clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized Ulid next() {
        long now = clock.getAsLong();
        Ulid u;
        if (last != null && now <= last.timestamp()) {
            long lo = last.lsb() + 1;
            long hi = last.msb();
            if (lo == 0) {
                hi++;
                if ((hi & 0xffff) == 0) {
                    throw new IllegalStateException("ULID random part overflowed within one millisecond");
                }
            }
            u = new Ulid(hi, lo);
        } else {
            u = Ulid.of(now, random.nextInt(1 << 16), random.nextLong());
        }
        last = u;
        return u;
    }
}
