package io.ignis.promql.engine;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Limits how many queries evaluate at once ({@code --query.max-concurrency}, 20 by default); the others wait
 * in a first-come, first-served queue. Waiting counts against the query's timeout and ends early when the
 * query is canceled, as in Prometheus, where the time spent here is reported as {@code execQueueTime}.
 * One instance per server, shared by every query of the engine. Thread-safe.
 */
public final class QueryGate {
    /** Prometheus's default for {@code --query.max-concurrency}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 20;

    private final int maxConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int active;

    public QueryGate(int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("query.max-concurrency must be at least 1: " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Queries evaluating now. */
    public int active() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }

    /** Queries waiting for a slot now. */
    public int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @param canceled polled whenever the queue changes and after {@link #wakeUp()}
     * @return the slot; close it when the query is done
     * @throws DeadlineExceededException when the deadline passes first
     * @throws QueryCanceledException when {@code canceled} turns true or the thread is interrupted (both with
     *         Prometheus's bare context errors as messages)
     */
    public Permit acquire(long deadlineNanos, BooleanSupplier canceled) {
        Object me = new Object();
        lock.lock();
        try {
            waiting.addLast(me);
            boolean granted = false;
            try {
                while (true) {
                    if (canceled.getAsBoolean()) {
                        throw QueryCanceledException.inQueue();
                    }
                    if (waiting.peekFirst() == me && active < maxConcurrency) {
                        break;
                    }
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        throw new DeadlineExceededException();
                    }
                    changed.awaitNanos(left);
                }
                granted = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw QueryCanceledException.inQueue();
            } finally {
                waiting.remove(me);
                if (granted) {
                    active++;
                }
                // The next in line may now be first, or may have a slot.
                changed.signalAll();
            }
            return new Permit(this);
        } finally {
            lock.unlock();
        }
    }

    /** Makes waiting queries re-check their cancellation flag (called when a query is canceled). */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            active--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One evaluation slot; {@link #close()} returns it (once; later calls do nothing). */
    public static final class Permit implements AutoCloseable {
        private QueryGate gate;

        private Permit(QueryGate gate) {
            this.gate = gate;
        }

        @Override
        public void close() {
            QueryGate g = gate;
            if (g != null) {
                gate = null;
                g.release();
            }
        }
    }
}
