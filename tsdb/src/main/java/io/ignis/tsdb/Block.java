package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkQueryable;
import io.ignis.storage.CorruptionException;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.chunks.ChunkReader;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.index.IndexReader;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import io.ignis.tsdb.tombstones.Tombstones;
import io.ignis.tsdb.tombstones.TombstonesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open, immutable block directory: {@code meta.json}, the memory-mapped {@code index} and {@code chunks/},
 * and {@code tombstones} (the one part that changes, through {@link #delete}). Queriers hold a reference;
 * {@link #close()} waits until the last one is closed before unmapping. Thread-safe.
 */
public final class Block implements Queryable, ChunkQueryable, AutoCloseable {
    private final Path dir;
    private final IndexReader index;
    private final ChunkReader chunks;
    private volatile BlockMeta meta;
    private volatile Tombstones tombstones;
    private int readers;
    private boolean closing;

    private Block(Path dir, BlockMeta meta, IndexReader index, ChunkReader chunks, Tombstones tombstones) {
        this.dir = dir;
        this.meta = meta;
        this.index = index;
        this.chunks = chunks;
        this.tombstones = tombstones;
    }

    /**
     * Opens the block in {@code dir}: validates {@code meta.json}, maps the index (checking its TOC, symbol
     * and postings-table checksums) and the chunk segments (checking their headers), reads the tombstones.
     *
     * @throws CorruptionException naming the bad file, offset, expected and actual values
     * @throws StorageException if a file is missing or unreadable
     */
    public static Block open(Path dir) {
        BlockMeta meta;
        Tombstones tombs;
        try {
            meta = BlockMetaFile.read(dir);
            tombs = TombstonesFile.read(dir);
        } catch (NoSuchFileException e) {
            throw new StorageException("open block " + dir + ": missing " + e.getFile(), e);
        } catch (IOException e) {
            throw new StorageException("open block " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(dir.resolve("index"))) {
            throw new StorageException("open block " + dir + ": missing " + dir.resolve("index"));
        }
        if (!Files.isDirectory(dir.resolve("chunks"))) {
            throw new StorageException("open block " + dir + ": missing " + dir.resolve("chunks"));
        }
        IndexReader ix = IndexReader.open(dir.resolve("index"));
        try {
            ChunkReader cr = ChunkReader.open(dir.resolve("chunks"));
            return new Block(dir, meta, ix, cr, tombs);
        } catch (RuntimeException e) {
            ix.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public BlockMeta meta() {
        return meta;
    }

    public Ulid ulid() {
        return meta.ulid();
    }

    public long minTime() {
        return meta.minTime();
    }

    /** Exclusive end of the block's range. */
    public long maxTime() {
        return meta.maxTime();
    }

    /** Whether the block's range overlaps the closed interval {@code [mint, maxt]}. */
    public boolean overlapsClosedInterval(long mint, long maxt) {
        return meta.minTime() <= maxt && mint < meta.maxTime();
    }

    public IndexReader index() {
        return index;
    }

    public ChunkReader chunks() {
        return chunks;
    }

    public Tombstones tombstones() {
        return tombstones;
    }

    /**
     * Bytes on disk: index, chunks, tombstones and meta, as Prometheus counts a block for size-based
     * retention.
     */
    public long size() {
        return index.size() + chunks.size() + fileSize(TombstonesFile.FILE_NAME) + fileSize(BlockMetaFile.FILE_NAME);
    }

    private long fileSize(String name) {
        try {
            return Files.size(dir.resolve(name));
        } catch (IOException e) {
            return 0; // a missing tombstones file is valid and weighs nothing
        }
    }

    synchronized void acquire() {
        if (closing) {
            throw new StorageException("block " + meta.ulid() + " is closing");
        }
        readers++;
    }

    synchronized void release() {
        readers--;
        if (readers == 0) {
            notifyAll();
        }
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new BlockQuerier(this, mint, maxt);
    }

    @Override
    public ChunkQuerier chunkQuerier(long mint, long maxt) {
        return new BlockChunkQuerier(this, mint, maxt);
    }

    /**
     * Marks the samples in {@code [mint, maxt]} of the series matching {@code ms} as deleted, persisting the
     * tombstones file and the tombstone count in {@code meta.json}, as Prometheus's {@code Block.Delete}.
     */
    public synchronized void delete(long mint, long maxt, Matcher... ms) {
        Tombstones next = new Tombstones();
        Tombstones cur = tombstones;
        cur.forEach((ref, ivs) -> {
            for (int i = 0; i < ivs.size(); i++) {
                next.addInterval(ref, ivs.mint(i), ivs.maxt(i));
            }
        });
        Postings p = PostingsForMatchers.select(index, ms);
        List<ChunkMeta> metas = new ArrayList<>();
        boolean changed = false;
        while (p.next()) {
            metas.clear();
            index.series(p.at(), metas);
            for (ChunkMeta c : metas) {
                if (c.overlaps(mint, maxt)) {
                    // As Prometheus: one interval per series, clamped to the series' own time range.
                    long first = metas.get(0).minTime();
                    long last = metas.get(metas.size() - 1).maxTime();
                    next.addInterval(p.at(), Math.max(mint, first), Math.min(maxt, last));
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) {
            return;
        }
        try {
            TombstonesFile.write(dir, next);
            BlockMeta m = meta.withStats(meta.stats().withTombstones(next.total()));
            BlockMetaFile.write(dir, m);
            meta = m;
            tombstones = next;
        } catch (IOException e) {
            throw new StorageException("delete from block " + meta.ulid() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code meta.json} (compaction marks: deletable, failed). */
    synchronized void setMeta(BlockMeta m) throws IOException {
        BlockMetaFile.write(dir, m);
        meta = m;
    }

    /** Waits for open queriers to close, then unmaps the index and chunks. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            while (readers > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("close block " + meta.ulid() + ": interrupted", e);
                }
            }
        }
        chunks.close();
        index.close();
    }
}
