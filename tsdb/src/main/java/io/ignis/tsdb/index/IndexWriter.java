package io.ignis.tsdb.index;

import io.ignis.labels.Labels;
import io.ignis.tsdb.encoding.EncodeBuffer;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a block index in format v2 (layout in {@link IndexFormat}), emitting what Prometheus's writer emits:
 * the same sections, alignment, order and checksums. Call {@link #addSymbols} once, then {@link #addSeries}
 * in label order, then {@link #close()}. Postings are gathered in memory while series are added. Not
 * thread-safe.
 */
public final class IndexWriter implements AutoCloseable {
    private final Path path;
    private final FileChannel ch;
    private final EncodeBuffer out = new EncodeBuffer(1 << 16);
    private final EncodeBuffer entry = new EncodeBuffer(256);
    private long pos; // file position of out's end
    private final long[] toc = new long[6];

    private Map<String, Integer> symbolIds;
    private String[] symbols;
    private final IntArrayList allIds = new IntArrayList();
    private final Long2ObjectOpenHashMap<IntArrayList> postings = new Long2ObjectOpenHashMap<>();
    private Labels lastSeries;
    private long lastChunkRef;
    private boolean closed;

    public IndexWriter(Path path) throws IOException {
        this.path = path;
        this.ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        out.putBE32(IndexFormat.MAGIC).putByte(IndexFormat.V2);
        pos = out.len();
    }

    /**
     * Writes the symbol table: every label name and value the series will use, sorted in UTF-8 byte order
     * ({@link Utf8Order}) without duplicates.
     */
    public void addSymbols(List<String> sorted) throws IOException {
        if (symbolIds != null) {
            throw new IllegalStateException("bug: symbols already added to " + path);
        }
        symbolIds = new HashMap<>(sorted.size() * 2);
        symbols = sorted.toArray(new String[0]);
        toc[0] = pos;
        int start = out.len();
        out.putBE32(0).putBE32(sorted.size());
        String prev = null;
        for (int i = 0; i < symbols.length; i++) {
            String s = symbols[i];
            if (prev != null && Utf8Order.INSTANCE.compare(prev, s) >= 0) {
                throw new IllegalArgumentException("symbol " + quote(s) + " out-of-order after " + quote(prev));
            }
            prev = s;
            symbolIds.put(s, i);
            out.putUvarintStr(s);
        }
        long len = out.len() - start - 4L;
        if (len > 0xffffffffL) {
            throw new IOException("symbol table of " + len + " bytes exceeds 4 GiB");
        }
        out.setBE32(start, (int) len);
        out.putBE32(out.crc32c(start + 4));
        advance(out.len() - start);
        toc[1] = pos;
    }

    /**
     * Writes one series with its chunks. Series must come in strictly increasing label order; chunk refs must
     * not decrease (also across series), and chunk time ranges must increase without overlap.
     */
    public void addSeries(Labels labels, List<ChunkMeta> chunks) throws IOException {
        if (symbolIds == null) {
            throw new IllegalStateException("bug: series added to " + path + " before symbols");
        }
        if (lastSeries != null && labels.compareTo(lastSeries) <= 0) {
            throw new IllegalArgumentException("out-of-order series added with label set " + labels
                    + ", last label set " + lastSeries);
        }
        long lastRef = lastChunkRef;
        long lastMaxT = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkMeta c = chunks.get(i);
            if (c.ref() < lastRef) {
                throw new IllegalArgumentException("unsorted chunk reference: " + c.ref() + ", previous: " + lastRef);
            }
            lastRef = c.ref();
            if (i > 0 && c.minTime() <= lastMaxT) {
                throw new IllegalArgumentException("chunk minT " + c.minTime()
                        + " is not higher than previous chunk maxT " + lastMaxT);
            }
            if (c.maxTime() < c.minTime()) {
                throw new IllegalArgumentException("chunk maxT " + c.maxTime() + " is less than minT " + c.minTime());
            }
            lastMaxT = c.maxTime();
        }
        pad(IndexFormat.SERIES_ALIGN);
        long id = pos / IndexFormat.SERIES_ALIGN;
        if (id > 0xffffffffL) {
            throw new IOException("index " + path + " exceeds 64 GiB of series");
        }
        entry.reset();
        entry.putUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            int n = symbolId(labels.name(i));
            int v = symbolId(labels.value(i));
            entry.putUvarint(n).putUvarint(v);
            postings.computeIfAbsent(((long) n << 32) | v, k -> new IntArrayList()).add((int) id);
        }
        entry.putUvarint(chunks.size());
        if (!chunks.isEmpty()) {
            ChunkMeta c = chunks.get(0);
            entry.putVarint(c.minTime()).putUvarint(c.maxTime() - c.minTime()).putUvarint(c.ref());
            long t0 = c.maxTime();
            long ref0 = c.ref();
            for (int i = 1; i < chunks.size(); i++) {
                c = chunks.get(i);
                entry.putUvarint(c.minTime() - t0).putUvarint(c.maxTime() - c.minTime()).putVarint(c.ref() - ref0);
                t0 = c.maxTime();
                ref0 = c.ref();
            }
        }
        int start = out.len();
        out.putUvarint(entry.len()).putBytes(entry.array(), 0, entry.len()).putBE32(entry.crc32c(0));
        advance(out.len() - start);
        allIds.add((int) id);
        lastSeries = labels;
        lastChunkRef = lastRef;
    }

    private int symbolId(String s) {
        Integer id = symbolIds.get(s);
        if (id == null) {
            throw new IllegalArgumentException("symbol entry for " + quote(s) + " does not exist");
        }
        return id;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private void pad(int align) throws IOException {
        int p = (int) (pos % align);
        if (p != 0) {
            out.putZeros(align - p);
            advance(align - p);
        }
    }

    private void advance(int n) throws IOException {
        pos += n;
        if (out.len() >= 1 << 20) {
            flush();
        }
    }

    private void flush() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(out.array(), 0, out.len());
        while (b.hasRemaining()) {
            ch.write(b);
        }
        out.reset();
    }

    /** Writes postings, the postings offset table and the TOC, then fsyncs and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (symbolIds == null) {
                addSymbols(List.of());
            }
            finish();
            flush();
            ch.force(true);
        } finally {
            ch.close();
        }
    }

    private void finish() throws IOException {
        toc[2] = pos; // label indices: none
        pad(4);
        toc[4] = pos;
        EncodeBuffer table = new EncodeBuffer(1 << 12);
        int entries = 0;
        entries += writePostings("", "", allIds, table);
        long[] keys = postings.keySet().toLongArray();
        Arrays.sort(keys); // symbol IDs are in string order, so (name, value) IDs sort as the strings do
        for (long k : keys) {
            entries += writePostings(symbols[(int) (k >>> 32)], symbols[(int) k], postings.get(k), table);
        }
        toc[3] = pos; // label offset table: none
        toc[5] = pos;
        int start = out.len();
        out.putBE32(0).putBE32(entries).putBytes(table.array(), 0, table.len());
        long len = out.len() - start - 4L;
        if (len > 0xffffffffL) {
            throw new IOException("postings offset table of " + len + " bytes exceeds 4 GiB");
        }
        out.setBE32(start, (int) len);
        out.putBE32(out.crc32c(start + 4));
        advance(out.len() - start);
        start = out.len();
        for (long t : toc) {
            out.putBE64(t);
        }
        out.putBE32(out.crc32c(start));
        advance(out.len() - start);
    }

    private int writePostings(String name, String value, IntArrayList ids, EncodeBuffer table) throws IOException {
        pad(4);
        table.putUvarint(2).putUvarintBytes(name.getBytes(StandardCharsets.UTF_8))
                .putUvarintBytes(value.getBytes(StandardCharsets.UTF_8)).putUvarint(pos);
        int start = out.len();
        int n = ids.size();
        out.putBE32(4 + 4 * n).putBE32(n);
        for (int i = 0; i < n; i++) {
            out.putBE32(ids.getInt(i));
        }
        out.putBE32(out.crc32c(start + 4));
        advance(out.len() - start);
        return 1;
    }
}
