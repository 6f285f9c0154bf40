package io.ignis.server.remote;

import io.ignis.labels.Labels;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard of a remote-write queue: a bounded FIFO of samples, exemplars and histograms filled by the WAL
 * watcher and a thread that sends them in batches of up to {@code max_samples_per_send}, or whatever arrived
 * within {@code batch_send_deadline}. A series always hashes to the same shard, so its samples arrive in order.
 * Each entry carries the sequence number of its WAL record, so the queue knows which records are fully sent.
 */
final class Shard implements Runnable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Labels[] series;
    private final Object[] extra;
    private final long[] t;
    private final double[] v;
    private final long[] seq;
    /** The entry's position among all entries of its WAL record, whichever shard they went to. */
    private final int[] index;
    private final byte[] kind;
    private final int maxPerSend;
    private final long deadlineNanos;
    private final BatchSender sender;
    private final Runnable afterSend;
    private final Batch batch;
    private int head;
    private int size;
    /** Sequence of the oldest entry in the batch being sent, or Long.MAX_VALUE; guarded by lock. */
    private long inflightSeq = Long.MAX_VALUE;
    /** The record and in-record index of the newest entry sent; guarded by lock. */
    private long sentSeq = -1;
    private int sentIndex;
    /** The same after the batch being sent; guarded by lock. */
    private long takenSeq = -1;
    private int takenIndex;
    private boolean stopping;
    private volatile boolean done;

    /** Sends one drained batch, retrying as configured; returns when it was sent or dropped. */
    interface BatchSender {
        void send(Batch b) throws InterruptedException;
    }

    /** {@code afterSend} runs on the shard's thread after each batch, once it no longer counts as pending. */
    Shard(int capacity, int maxPerSend, long deadlineNanos, BatchSender sender, Runnable afterSend) {
        series = new Labels[capacity];
        extra = new Object[capacity];
        t = new long[capacity];
        v = new double[capacity];
        seq = new long[capacity];
        index = new int[capacity];
        kind = new byte[capacity];
        this.maxPerSend = maxPerSend;
        this.deadlineNanos = deadlineNanos;
        this.sender = sender;
        this.afterSend = afterSend;
        this.batch = new Batch(maxPerSend);
    }

    /**
     * Queues one entry, waiting while the shard is full.
     *
     * @return false when it had to wait (counted as an enqueue retry), true otherwise
     */
    boolean append(Labels s, long ts, double val, byte k, Object x, long recordSeq, int recordIndex) throws InterruptedException {
        boolean waited = false;
        lock.lock();
        try {
            while (size == t.length) {
                waited = true;
                notFull.await();
            }
            int i = (head + size) % t.length;
            series[i] = s;
            t[i] = ts;
            v[i] = val;
            kind[i] = k;
            extra[i] = x;
            seq[i] = recordSeq;
            index[i] = recordIndex;
            size++;
            if (size >= maxPerSend) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        return !waited;
    }

    /** The WAL record sequence of the oldest entry not yet sent or dropped, or Long.MAX_VALUE. */
    long oldestPendingSeq() {
        lock.lock();
        try {
            return oldest();
        } finally {
            lock.unlock();
        }
    }

    private long oldest() {
        return inflightSeq != Long.MAX_VALUE ? inflightSeq : size > 0 ? seq[head] : Long.MAX_VALUE;
    }

    /**
     * Stores at {@code i}, read at once: the sequence of the oldest pending entry (as {@link #oldestPendingSeq}),
     * the record of the newest entry sent (-1 for none) and the in-record index just past that entry: every entry
     * of this shard in that record below it was sent (or dropped before it reached a shard).
     */
    void pending(int i, long[] oldestSeq, long[] lastSentSeq, int[] sentOfLast) {
        lock.lock();
        try {
            oldestSeq[i] = oldest();
            lastSentSeq[i] = sentSeq;
            sentOfLast[i] = sentIndex + 1;
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        lock.lock();
        try {
            return size + batch.size;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the thread to send what is queued and end; see {@link #isDone()}. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean isDone() {
        return done;
    }

    @Override
    public void run() {
        try {
            while (take()) {
                sender.send(batch);
                lock.lock();
                try {
                    batch.clear();
                    inflightSeq = Long.MAX_VALUE;
                    sentSeq = takenSeq;
                    sentIndex = takenIndex;
                } finally {
                    lock.unlock();
                }
                afterSend.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
        }
    }

    /** Waits for a full batch, the send deadline or a stop, then moves entries into the batch; false at the end. */
    private boolean take() throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + deadlineNanos;
            while (size < maxPerSend && !stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (size > 0) {
                        break;
                    }
                    deadline = System.nanoTime() + deadlineNanos;
                    left = deadlineNanos;
                }
                notEmpty.await(left, TimeUnit.NANOSECONDS);
            }
            if (size == 0) {
                return !stopping;
            }
            int n = Math.min(size, maxPerSend);
            inflightSeq = seq[head];
            for (int j = 0; j < n; j++) {
                int i = head;
                batch.add(series[i], t[i], v[i], kind[i], extra[i]);
                takenSeq = seq[i];
                takenIndex = index[i];
                series[i] = null;
                extra[i] = null;
                head = (head + 1) % t.length;
            }
            size -= n;
            notFull.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }
}
