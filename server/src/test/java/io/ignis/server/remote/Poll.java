package io.ignis.server.remote;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A polled deadline for tests that wait on another thread or process. */
final class Poll {
    private Poll() {
    }

    static void until(Duration timeout, BooleanSupplier done, Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
