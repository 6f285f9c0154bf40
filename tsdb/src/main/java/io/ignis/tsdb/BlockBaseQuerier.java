package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.LabelQuerier;
import io.ignis.tsdb.index.PostingsForMatchers;
import java.util.List;

/**
 * What {@link BlockQuerier} and {@link BlockChunkQuerier} share, as Prometheus's {@code blockBaseQuerier}:
 * holding the block open until closed (once), its label queries, and the walk over the series that match.
 */
abstract class BlockBaseQuerier implements LabelQuerier {
    final Block block;
    final long mint;
    final long maxt;
    private boolean closed;

    BlockBaseQuerier(Block block, long mint, long maxt) {
        this.block = block;
        this.mint = mint;
        this.maxt = maxt;
        block.acquire();
    }

    /** The series matching all {@code matchers}, in label order, with their chunks over {@code [from, to]}. */
    final BlockSeriesCursor cursor(long from, long to, Matcher... matchers) {
        return new BlockSeriesCursor(block.index(), block.tombstones(),
                PostingsForMatchers.select(block.index(), matchers), from, to);
    }

    @Override
    public final List<String> labelValues(String name, Matcher... matchers) {
        return BlockLabelQueries.labelValues(block.index(), name, matchers);
    }

    @Override
    public final List<String> labelNames(Matcher... matchers) {
        return BlockLabelQueries.labelNames(block.index(), matchers);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            block.release();
        }
    }
}
