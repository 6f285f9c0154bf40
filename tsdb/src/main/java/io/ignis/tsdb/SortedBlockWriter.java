package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunks.ChunkWriter;
import io.ignis.tsdb.files.DurableFiles;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.index.IndexWriter;
import io.ignis.tsdb.tombstones.Tombstones;
import io.ignis.tsdb.tombstones.TombstonesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams series, already in label order, straight into a new block under {@code <ulid>.tmp-for-creation}:
 * chunks go to the segment files and series to the index as they arrive, so only postings stay in memory.
 * {@link #commit} finishes the files and renames the directory into place; {@link #close()} without a commit
 * removes it. The symbol table must be known up front (compaction takes it from the source indexes).
 */
final class SortedBlockWriter implements AutoCloseable {
    private final Path tmp;
    private final Path dir;
    private final Ulid id;
    private final long mint;
    private final long maxt;
    private final ChunkWriter chunks;
    private final IndexWriter index;
    private final List<ChunkMeta> metas = new ArrayList<>();
    private long samples;
    private long floatSamples;
    private long histogramSamples;
    private long series;
    private long chunkCount;
    private boolean done;

    /**
     * @param symbols every label name and value the series will use, in {@link io.ignis.tsdb.index.Utf8Order}
     * @param mint    inclusive start of the block range; every sample must be in {@code [mint, maxt)}
     */
    SortedBlockWriter(Path dbDir, Ulid id, long mint, long maxt, List<String> symbols) {
        this.id = id;
        this.mint = mint;
        this.maxt = maxt;
        this.tmp = dbDir.resolve(id + BlockWriter.TMP_FOR_CREATION);
        this.dir = dbDir.resolve(id.toString());
        ChunkWriter cw = null;
        IndexWriter iw = null;
        try {
            Files.createDirectories(tmp);
            cw = new ChunkWriter(tmp.resolve("chunks"));
            iw = new IndexWriter(tmp.resolve("index"));
            iw.addSymbols(symbols);
        } catch (IOException | RuntimeException e) {
            abort(cw, iw, e);
            throw e instanceof RuntimeException r ? r
                    : new StorageException("write block " + id + ": " + e.getMessage(), e);
        }
        this.chunks = cw;
        this.index = iw;
    }

    /** Adds the next series (labels strictly greater than the previous); series without chunks are skipped. */
    void add(Labels labels, List<TimedChunk> cs) {
        if (cs.isEmpty()) {
            return;
        }
        TimedChunk first = cs.get(0);
        TimedChunk last = cs.get(cs.size() - 1);
        if (first.minTime() < mint || last.maxTime() >= maxt) {
            throw new IllegalArgumentException("series " + labels + " spans [" + first.minTime() + ", "
                    + last.maxTime() + "], outside block range [" + mint + ", " + maxt + ")");
        }
        metas.clear();
        try {
            for (TimedChunk tc : cs) {
                metas.add(new ChunkMeta(chunks.write(tc.chunk()), tc.minTime(), tc.maxTime()));
                int n = tc.chunk().numSamples();
                samples += n;
                switch (tc.chunk().encoding()) {
                    case XOR, XOR2 -> floatSamples += n;
                    default -> histogramSamples += n;
                }
            }
            index.addSeries(labels, metas);
        } catch (IOException e) {
            throw new StorageException("write block " + id + ": " + e.getMessage(), e);
        }
        chunkCount += cs.size();
        series++;
    }

    /** Number of series written so far. */
    long numSeries() {
        return series;
    }

    /** Finishes the block and moves it into place. */
    BlockMeta commit(BlockMeta.Compaction compaction) {
        try {
            chunks.close();
            index.close();
            TombstonesFile.write(tmp, new Tombstones());
            BlockMeta meta = new BlockMeta(id, mint, maxt, new BlockMeta.Stats(samples, floatSamples,
                    histogramSamples, series, chunkCount, 0), compaction, BlockMeta.VERSION);
            BlockMetaFile.write(tmp, meta);
            DurableFiles.fsync(tmp);
            DurableFiles.replace(tmp, dir);
            done = true;
            return meta;
        } catch (IOException e) {
            throw new StorageException("write block " + id + ": " + e.getMessage(), e);
        }
    }

    /** Removes the unfinished block unless {@link #commit} succeeded. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            StorageException e = new StorageException("abort block " + id);
            abort(chunks, index, e);
            if (e.getSuppressed().length > 0) {
                throw e;
            }
        }
    }

    private void abort(ChunkWriter cw, IndexWriter iw, Exception cause) {
        try {
            if (cw != null) {
                cw.close();
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            if (iw != null) {
                iw.close();
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            DurableFiles.deleteRecursively(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
