package io.ignis.tsdb;

import java.util.List;
import java.util.Objects;

/**
 * A block's {@code meta.json}: identity, half-open time range {@code [minTime, maxTime)} (ms), statistics and
 * compaction history, as Prometheus's {@code tsdb.BlockMeta}. {@link BlockMetaFile} reads and writes it.
 */
public record BlockMeta(Ulid ulid, long minTime, long maxTime, Stats stats, Compaction compaction, int version) {
    /** The only meta format version. */
    public static final int VERSION = 1;
    /** The compaction hint of blocks written from out-of-order samples (Prometheus's block.go). */
    public static final String HINT_FROM_OUT_OF_ORDER = "from-out-of-order";

    public BlockMeta {
        Objects.requireNonNull(ulid, "ulid");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(compaction, "compaction");
    }

    /** Counts of what the block holds; zero fields are omitted from the JSON, as Go's {@code omitempty}. */
    public record Stats(long numSamples, long numFloatSamples, long numHistogramSamples, long numSeries,
                        long numChunks, long numTombstones) {
        public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0);

        public Stats withTombstones(long n) {
            return new Stats(numSamples, numFloatSamples, numHistogramSamples, numSeries, numChunks, n);
        }
    }

    /** A parent block as recorded in a compacted block's meta. */
    public record BlockDesc(Ulid ulid, long minTime, long maxTime) {
    }

    /**
     * How the block was made: {@code level} 1 for a block cut from the head, the head blocks it descends from
     * ({@code sources}), its direct {@code parents}, and hints such as {@code from-out-of-order}.
     */
    public record Compaction(int level, List<Ulid> sources, boolean deletable, List<BlockDesc> parents,
                             boolean failed, List<String> hints) {
        public Compaction {
            sources = List.copyOf(sources);
            parents = List.copyOf(parents);
            hints = List.copyOf(hints);
        }

        public Compaction withDeletable() {
            return new Compaction(level, sources, true, parents, failed, hints);
        }

        public Compaction withFailed() {
            return new Compaction(level, sources, deletable, parents, true, hints);
        }

        /** A level-1 block that is its own source. */
        public static Compaction level1(Ulid self) {
            return new Compaction(1, List.of(self), false, List.of(), false, List.of());
        }
    }

    /** This meta with new stats. */
    public BlockMeta withStats(Stats s) {
        return new BlockMeta(ulid, minTime, maxTime, s, compaction, version);
    }

    /** This meta with a new compaction section. */
    public BlockMeta withCompaction(Compaction c) {
        return new BlockMeta(ulid, minTime, maxTime, stats, c, version);
    }
}
