package io.ignis.server.rules;

import io.ignis.storage.Appendable;
import io.ignis.storage.Queryable;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What every group shares: storage to write and read, the query function, where alerts go, the restore and
 * resend settings ({@code --rules.alert.*}) in ms, the clock, the sleeper that waits for the next
 * evaluation (replaced by a fake in tests), and whether rules of a group may run concurrently.
 */
public record GroupOptions(Appendable appendable, Queryable queryable, RuleQuery query, NotifyFunc notifyFunc,
        long outageToleranceMs, long forGracePeriodMs, long resendDelayMs, LongSupplier clock, Sleeper sleeper,
        RuleMetrics metrics, RuleConcurrency concurrency) {
    /** Prometheus's defaults: 1h outage tolerance, 10m grace period, 1m resend delay. */
    public static final long DEFAULT_OUTAGE_TOLERANCE_MS = 3_600_000;
    public static final long DEFAULT_FOR_GRACE_PERIOD_MS = 600_000;
    public static final long DEFAULT_RESEND_DELAY_MS = 60_000;

    public GroupOptions {
        Objects.requireNonNull(appendable, "appendable");
        Objects.requireNonNull(queryable, "queryable");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(notifyFunc, "notifyFunc");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(concurrency, "concurrency");
    }

    /** With sequential evaluation, Prometheus's default. */
    public GroupOptions(Appendable appendable, Queryable queryable, RuleQuery query, NotifyFunc notifyFunc,
            long outageToleranceMs, long forGracePeriodMs, long resendDelayMs, LongSupplier clock, Sleeper sleeper,
            RuleMetrics metrics) {
        this(appendable, queryable, query, notifyFunc, outageToleranceMs, forGracePeriodMs, resendDelayMs, clock,
                sleeper, metrics, RuleConcurrency.SEQUENTIAL);
    }

    /** Waits until a point in time of {@link #clock}. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Returns once the clock reaches {@code t} (true) or {@code stopped} says the group stopped (false).
         * {@code wakeup} is notified when the group stops.
         */
        boolean sleepUntil(long t, Object wakeup, java.util.function.BooleanSupplier stopped);

        /** Sleeps on the monitor of {@code wakeup} against the system clock. */
        static Sleeper system(LongSupplier clock) {
            return (t, wakeup, stopped) -> {
                synchronized (wakeup) {
                    while (!stopped.getAsBoolean()) {
                        long wait = t - clock.getAsLong();
                        if (wait <= 0) {
                            return true;
                        }
                        try {
                            wakeup.wait(wait);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    }
                    return false;
                }
            };
        }
    }
}
