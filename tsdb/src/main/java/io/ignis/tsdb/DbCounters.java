package io.ignis.tsdb;

import java.util.concurrent.atomic.LongAdder;

/** Running counters of a {@link Db} outside the head, read into {@link DbStats}. Thread-safe. */
final class DbCounters {
    final LongAdder compactions = new LongAdder();
    final LongAdder compactionsFailed = new LongAdder();
    final LongAdder compactionNanos = new LongAdder();
    final LongAdder headTruncations = new LongAdder();
    final LongAdder headTruncationsFailed = new LongAdder();
    final LongAdder reloads = new LongAdder();
    final LongAdder reloadsFailed = new LongAdder();
    final LongAdder timeRetentions = new LongAdder();
    final LongAdder sizeRetentions = new LongAdder();
    final LongAdder walFsyncs = new LongAdder();
    final LongAdder walFsyncNanos = new LongAdder();
    final LongAdder corruptBlocksSkipped = new LongAdder();
}
