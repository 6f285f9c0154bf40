package io.ignis.tsdb;

import java.util.List;

/** Assembles {@link DbStats} from the head, the loaded blocks and the Db's counters. */
final class DbStatsCollector {
    private DbStatsCollector() {
    }

    static DbStats collect(Db db, Head head, DbBlocks blocks, DbCounters c, DbSymbolSizes symbolSizes) {
        HeadStats h = head.stats();
        List<Block> bs = blocks.blocks();
        boolean init = head.initialized();
        long lowest = init ? h.minTime() : Long.MAX_VALUE;
        long blockBytes = 0;
        for (Block b : bs) {
            lowest = Math.min(lowest, b.minTime());
            blockBytes += b.size();
        }
        DbOptions opts = db.options();
        return new DbStats(h.series(), h.chunksCreated() - h.chunksRemoved(), h.samplesAppended(),
                init ? h.minTime() : Long.MAX_VALUE, init ? h.maxTime() : Long.MIN_VALUE, h.seriesCreated(),
                h.seriesRemoved(), c.headTruncations.sum(), c.headTruncationsFailed.sum(), c.compactions.sum(),
                c.compactionsFailed.sum(), c.compactionNanos.sum() / 1e9, c.reloads.sum(), c.reloadsFailed.sum(),
                bs.size(), blocks.corrupt().size(), blockBytes, c.walFsyncs.sum(), c.walFsyncNanos.sum() / 1e9,
                h.walCorruptions(), BlockDirs.sizeOf(db.dir().resolve("wal")), head.mappedChunkBytes(),
                h.outOfOrderSamples(), h.outOfBoundsSamples(), c.sizeRetentions.sum(), c.timeRetentions.sum(),
                symbolSizes.total(bs), lowest == Long.MAX_VALUE ? 0 : lowest, opts.maxBytes(),
                opts.retentionMillis() / 1000.0, h.outOfOrderSamplesAppended(), h.tooOldSamples(),
                BlockDirs.sizeOf(db.dir().resolve(Head.WBL)), h.wblCorruptions(),
                head.outOfOrderTimeWindow() / 1000.0, h.histogramSamplesAppended());
    }
}
