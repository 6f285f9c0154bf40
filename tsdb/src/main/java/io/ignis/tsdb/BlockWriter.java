package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkSeries;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunkenc.Chunk;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.chunkenc.XorChunk;
import io.ignis.tsdb.index.Utf8Order;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds one block directory from series given as samples or as encoded chunks, then writes it atomically:
 * everything goes to {@code <ulid>.tmp-for-creation}, is fsynced, and is renamed to {@code <ulid>}. Float
 * samples are cut into XOR chunks of {@value XorChunk#TARGET_SAMPLES} samples (or fewer when a chunk reaches
 * Prometheus's 1 KiB limit); histograms into histogram chunks as {@link SeriesToChunkEncoder} says. Series may
 * be added in any order; series with no samples are left out. Chunks added by reference must stay readable until
 * {@link #write} returns. Not thread-safe.
 */
public final class BlockWriter {
    /** Suffix of a block directory being written, as in Prometheus. */
    public static final String TMP_FOR_CREATION = ".tmp-for-creation";

    private final Path dbDir;
    private final UlidGenerator ulids;
    private final List<Entry> entries = new ArrayList<>();
    private long minT = Long.MAX_VALUE;
    private long maxT = Long.MIN_VALUE;

    private record Entry(Labels labels, List<TimedChunk> chunks) {
    }

    public BlockWriter(Path dbDir, UlidGenerator ulids) {
        this.dbDir = Objects.requireNonNull(dbDir, "dbDir");
        this.ulids = Objects.requireNonNull(ulids, "ulids");
    }

    /** Adds float samples of one series; timestamps must strictly increase. */
    public void addSamples(Labels labels, long[] ts, double[] vs, int n) {
        if (n == 0) {
            return;
        }
        List<TimedChunk> chunks = new ArrayList<>();
        XorChunk c = null;
        ChunkAppender a = null;
        long first = 0;
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = ts[i];
            if (i > 0 && t <= prev) {
                throw new IllegalArgumentException("series " + labels + ": timestamp " + t
                        + " not after previous " + prev);
            }
            if (c != null && (c.numSamples() >= XorChunk.TARGET_SAMPLES
                    || c.size() >= XorChunk.MAX_BYTES_BEFORE_APPEND)) {
                chunks.add(new TimedChunk(c, first, prev));
                c = null;
            }
            if (c == null) {
                c = new XorChunk();
                a = c.appender();
                first = t;
            }
            a.append(t, vs[i]);
            prev = t;
        }
        chunks.add(new TimedChunk(c, first, prev));
        add(labels, chunks);
    }

    /**
     * Adds one series' samples of any kind (floats, histograms, float histograms), cut into chunks as Prometheus's
     * series-to-chunk encoder does ({@link SeriesToChunkEncoder}); timestamps must strictly increase.
     */
    public void addSeries(Labels labels, SampleIterator it) {
        List<TimedChunk> chunks = SeriesToChunkEncoder.encode(it, labels);
        if (!chunks.isEmpty()) {
            add(labels, chunks);
        }
    }

    /**
     * Adds the chunks of one series as they are (no re-encoding); they must be in time order without
     * overlap. The chunks must stay readable until {@link #write} returns.
     */
    public void addChunks(Labels labels, ChunkIterator it) {
        List<TimedChunk> chunks = new ArrayList<>();
        while (it.next()) {
            Chunk c = Chunks.of(it.chunk());
            if (c.numSamples() > 0) {
                chunks.add(new TimedChunk(c, it.minTime(), it.maxTime()));
            }
        }
        if (!chunks.isEmpty()) {
            add(labels, chunks);
        }
    }

    /** Adds every series of {@code set} with {@link #addChunks}. */
    public void addAll(ChunkSeriesSet set) {
        ChunkIterator it = null;
        while (set.next()) {
            ChunkSeries s = set.at();
            it = s.iterator(it);
            addChunks(s.labels(), it);
        }
    }

    private void add(Labels labels, List<TimedChunk> chunks) {
        entries.add(new Entry(labels, chunks));
        minT = Math.min(minT, chunks.get(0).minTime());
        maxT = Math.max(maxT, chunks.get(chunks.size() - 1).maxTime());
    }

    /** Whether any series was added. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Writes a level-1 block spanning the samples: {@code [first timestamp, last timestamp + 1)}. */
    public BlockMeta write() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("no samples to write a block of");
        }
        return write(minT, maxT + 1, (BlockMeta.Compaction) null);
    }

    /**
     * Writes the block with range {@code [mint, maxt)}.
     *
     * @param compaction the compaction section, or null for a level-1 block that is its own source
     * @throws IllegalArgumentException if a sample lies outside the range or two series have equal labels
     * @throws StorageException if writing fails; nothing is left behind then
     */
    public BlockMeta write(long mint, long maxt, BlockMeta.Compaction compaction) {
        return write(mint, maxt, id -> compaction != null ? compaction : BlockMeta.Compaction.level1(id));
    }

    /** Writes a level-1 block (its own source) that records {@code parents} and {@code hints}. */
    BlockMeta writeLevel1(long mint, long maxt, List<BlockMeta.BlockDesc> parents, List<String> hints) {
        return write(mint, maxt, id -> new BlockMeta.Compaction(1, List.of(id), false, parents, false, hints));
    }

    private BlockMeta write(long mint, long maxt, Function<Ulid, BlockMeta.Compaction> compactionFor) {
        if (!entries.isEmpty() && (minT < mint || maxT >= maxt)) {
            throw new IllegalArgumentException("samples span [" + minT + ", " + maxT + "], outside block range ["
                    + mint + ", " + maxt + ")");
        }
        entries.sort((x, y) -> x.labels().compareTo(y.labels()));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).labels().equals(entries.get(i - 1).labels())) {
                throw new IllegalArgumentException("duplicate series " + entries.get(i).labels());
            }
        }
        Ulid id = ulids.next();
        try (SortedBlockWriter w = new SortedBlockWriter(dbDir, id, mint, maxt, symbols())) {
            for (Entry e : entries) {
                w.add(e.labels(), e.chunks());
            }
            return w.commit(compactionFor.apply(id));
        }
    }

    private List<String> symbols() {
        Set<String> seen = new HashSet<>();
        TreeSet<String> symbols = new TreeSet<>(Utf8Order.INSTANCE);
        for (Entry e : entries) {
            Labels l = e.labels();
            for (int i = 0; i < l.size(); i++) {
                if (seen.add(l.name(i))) {
                    symbols.add(l.name(i));
                }
                if (seen.add(l.value(i))) {
                    symbols.add(l.value(i));
                }
            }
        }
        return new ArrayList<>(symbols);
    }
}
