package io.ignis.discovery;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polled deadlines instead of sleeps. */
public final class Await {
    private Await() {
    }

    /** Polls until the condition holds; fails with {@code what} after the timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
