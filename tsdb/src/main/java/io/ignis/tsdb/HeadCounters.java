package io.ignis.tsdb;

import java.util.concurrent.atomic.LongAdder;

/** The head's mutable counters; {@link HeadStats} is their snapshot. */
final class HeadCounters {
    final LongAdder seriesCreated = new LongAdder();
    final LongAdder seriesRemoved = new LongAdder();
    final LongAdder chunksCreated = new LongAdder();
    final LongAdder chunksRemoved = new LongAdder();
    final LongAdder samplesAppended = new LongAdder();
    /** Integer and float histogram samples: Prometheus's {@code samples_appended_total{type="histogram"}}. */
    final LongAdder histogramsAppended = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder outOfBounds = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder walCorruptions = new LongAdder();
    final LongAdder replayUnknownRefs = new LongAdder();
    final LongAdder oooAppended = new LongAdder();
    final LongAdder tooOld = new LongAdder();
    final LongAdder wblCorruptions = new LongAdder();
    final LongAdder wblReplayUnknownRefs = new LongAdder();
}
