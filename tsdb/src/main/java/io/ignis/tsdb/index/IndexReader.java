package io.ignis.tsdb.index;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.storage.CorruptionException;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.encoding.Crc32c;
import io.ignis.tsdb.encoding.DecodeBuffer;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.files.MappedFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a block index (format v2, or the v3 marker, layout in {@link IndexFormat}) from a memory-mapped file,
 * decoding in place. Opening checks the header, the TOC, and the checksums of the symbol table and postings
 * offset table; each series entry and postings list is checked when read. Bad bytes raise a
 * {@link CorruptionException} naming the file and offset. Thread-safe.
 */
public final class IndexReader implements PostingsReader, AutoCloseable {
    private final MappedFile file; // null when reading a heap buffer
    private final String name;
    private final ByteBuffer[] windows; // one window, or overlapping windows of a file over 2 GiB
    private final long step;
    private final long maxSpan;
    private final long size;
    private final int version;
    private final long[] toc = new long[6];
    private final long[] symbolOffsets;
    private final String[] symbolCache; // filled lazily; benign races only ever store equal strings
    private final Map<String, ValueTable> postingsTable = new LinkedHashMap<>();

    /** The values of one label name in file order, with the offset of each value's postings list. */
    private record ValueTable(String[] values, long[] offsets, int n) {
        int find(String v) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Utf8Order.INSTANCE.compare(values[mid], v);
                if (c == 0) {
                    return mid;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }
    }

    private IndexReader(MappedFile file, String name, ByteBuffer[] windows, long step, long maxSpan, long size) {
        this.file = file;
        this.name = name;
        this.windows = windows;
        this.step = step;
        this.maxSpan = maxSpan;
        this.size = size;
        try {
            this.version = readHeader();
            readToc();
            this.symbolOffsets = readSymbols();
            this.symbolCache = new String[symbolOffsets.length];
            readPostingsTable();
        } catch (DecodeException e) {
            throw corrupt(e, "decode");
        }
    }

    /** Maps and opens {@code path}; the caller closes the reader. */
    public static IndexReader open(Path path) {
        return open(path, MappedFile.DEFAULT_STEP, Integer.MAX_VALUE);
    }

    /** Opens with custom mapping windows, so tests can exercise files mapped as several windows. */
    static IndexReader open(Path path, long step, long windowLength) {
        MappedFile f = MappedFile.open(path, step, windowLength);
        try {
            ByteBuffer[] ws = new ByteBuffer[f.windowCount()];
            for (int i = 0; i < ws.length; i++) {
                ws[i] = f.window(i);
            }
            long windowStep = ws.length == 1 ? Math.max(f.size(), 1) : f.windowStart(1);
            return new IndexReader(f, path.toString(), ws, windowStep, f.maxSpan(), f.size());
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** A reader over index bytes in memory; {@code name} appears in errors. */
    public static IndexReader of(String name, ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.BIG_ENDIAN);
        return new IndexReader(null, name, new ByteBuffer[] {b}, Math.max(b.limit(), 1), b.limit(), b.limit());
    }

    private int windowFor(long off) {
        return windows.length == 1 ? 0 : (int) Math.min(off / step, windows.length - 1);
    }

    private ByteBuffer bufAt(long off) {
        return windows[windowFor(off)];
    }

    /** Offset of {@code off} within its window. */
    private int localAt(long off) {
        return (int) (off - windowFor(off) * step);
    }

    private int getInt(long off) {
        return bufAt(off).getInt(localAt(off));
    }

    private CorruptionException corrupt(DecodeException e, String what) {
        return new CorruptionException(name, e.offset(), what + ": " + e.getMessage(), "", "", e);
    }

    private int readHeader() {
        if (size < IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE) {
            throw new CorruptionException(name, 0, "index too short", "at least "
                    + (IndexFormat.HEADER_SIZE + IndexFormat.TOC_SIZE) + " bytes", size + " bytes");
        }
        ByteBuffer b = windows[0];
        int magic = b.getInt(0);
        if (magic != IndexFormat.MAGIC) {
            throw new CorruptionException(name, 0, "invalid magic number", String.format("0x%08X", IndexFormat.MAGIC),
                    String.format("0x%08X", magic));
        }
        int v = b.get(4) & 0xff;
        if (v == IndexFormat.V1) {
            throw new CorruptionException(name, 4, "unsupported index format version", "2 or 3", "1");
        }
        if (v != IndexFormat.V2 && v != IndexFormat.V3) {
            throw new CorruptionException(name, 4, "unknown index file version", "2 or 3", String.valueOf(v));
        }
        return v;
    }

    private void readToc() {
        long at = size - IndexFormat.TOC_SIZE;
        ByteBuffer b = bufAt(at);
        int local = localAt(at);
        int stored = b.getInt(local + 48);
        int actual = Crc32c.checksum(b, local, 48);
        if (stored != actual) {
            throw new CorruptionException(name, at, "TOC checksum mismatch", hex(stored), hex(actual));
        }
        for (int i = 0; i < 6; i++) {
            toc[i] = b.getLong(local + 8 * i);
            if (toc[i] < 0 || toc[i] > at) {
                throw new CorruptionException(name, at + 8L * i, "TOC entry " + i + " outside the file",
                        "<= " + at, String.valueOf(toc[i]));
            }
        }
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    /** A length-prefixed, checksummed section at {@code off}: returns a buffer over its content. */
    private DecodeBuffer section(long off, String what) {
        if (off + 4 > size) {
            throw new CorruptionException(name, off, what + " length outside the file", "", "");
        }
        long len = getInt(off) & 0xffffffffL;
        long end = off + 4 + len + 4;
        if (end > size) {
            throw new CorruptionException(name, off, what + " extends past the end of the file",
                    "end <= " + size, "end " + end);
        }
        if (len + 8 > maxSpan) {
            throw new StorageException("read " + name + ": " + what + " at offset " + off + " of " + len
                    + " bytes exceeds the " + maxSpan + "-byte mapping window");
        }
        ByteBuffer b = bufAt(off);
        int local = localAt(off);
        int stored = b.getInt(local + 4 + (int) len);
        int actual = Crc32c.checksum(b, local + 4, (int) len);
        if (stored != actual) {
            throw new CorruptionException(name, off, what + " checksum mismatch", hex(stored), hex(actual));
        }
        return new DecodeBuffer(b, local + 4, (int) len);
    }

    private long[] readSymbols() {
        DecodeBuffer d = section(toc[0], "symbol table");
        int n = d.be32();
        if (n < 0 || n > d.remaining()) {
            throw new CorruptionException(name, toc[0] + 4, "symbol count", "<= " + d.remaining(),
                    Integer.toUnsignedString(n));
        }
        long base = toc[0] + 4; // absolute offset of the section content
        long[] offs = new long[n];
        for (int i = 0; i < n; i++) {
            offs[i] = base + d.position();
            d.skipUvarintBytes();
        }
        return offs;
    }

    private void readPostingsTable() {
        DecodeBuffer d = section(toc[5], "postings offset table");
        int n = d.be32();
        String lastName = null;
        List<String> values = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int keys = (int) d.uvarint();
            if (keys != 2) {
                throw new CorruptionException(name, toc[5] + 4 + d.position(), "postings offset table key count",
                        "2", String.valueOf(keys));
            }
            String ln = d.uvarintStr();
            String lv = d.uvarintStr();
            long off = d.uvarint();
            if (lastName != null && !lastName.equals(ln)) {
                putTable(lastName, values, offsets);
            }
            lastName = ln;
            values.add(lv);
            offsets.add(off);
        }
        if (lastName != null) {
            putTable(lastName, values, offsets);
        }
    }

    private void putTable(String ln, List<String> values, List<Long> offsets) {
        long[] o = new long[offsets.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = offsets.get(i);
        }
        postingsTable.put(ln, new ValueTable(values.toArray(new String[0]), o, o.length));
        values.clear();
        offsets.clear();
    }

    public int version() {
        return version;
    }

    public String name() {
        return name;
    }

    public int symbolCount() {
        return symbolOffsets.length;
    }

    /** The symbol with sequence number {@code id}. */
    public String symbol(int id) {
        if (id < 0 || id >= symbolOffsets.length) {
            throw new CorruptionException(name, -1, "symbol reference out of range", "< " + symbolOffsets.length,
                    Integer.toUnsignedString(id));
        }
        String s = symbolCache[id];
        if (s == null) {
            long off = symbolOffsets[id];
            ByteBuffer b = bufAt(off);
            int local = localAt(off);
            s = new DecodeBuffer(b, local, b.limit() - local).uvarintStr();
            symbolCache[id] = s;
        }
        return s;
    }

    /** All label names, sorted. */
    public List<String> labelNames() {
        List<String> out = new ArrayList<>(postingsTable.size());
        for (String n : postingsTable.keySet()) {
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public List<String> labelValues(String labelName) {
        ValueTable t = postingsTable.get(labelName);
        if (t == null || labelName.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(Arrays.asList(t.values()));
    }

    @Override
    public Postings postings(String labelName, String value) {
        ValueTable t = postingsTable.get(labelName);
        if (t == null) {
            return Postings.empty();
        }
        int i = t.find(value);
        if (i < 0) {
            return Postings.empty();
        }
        return postingsAt(t.offsets()[i], labelName, value);
    }

    /** Every series, in ID order. */
    public Postings allPostings() {
        return postings("", "");
    }

    private Postings postingsAt(long off, String ln, String lv) {
        try {
            DecodeBuffer d = section(off, "postings list for " + ln + "=\"" + lv + "\"");
            int n = d.be32();
            if (n < 0 || 4L * n != d.remaining()) {
                throw new CorruptionException(name, off, "postings list length", (4L * n) + " bytes",
                        d.remaining() + " bytes");
            }
            return n == 0 ? Postings.empty() : new BigEndianPostings(d.buffer(), d.absolutePosition(), n);
        } catch (DecodeException e) {
            throw corrupt(e, "postings list");
        }
    }

    /**
     * Decodes series {@code id}: returns its labels and, if {@code chunks} is not null, appends its chunk metas.
     *
     * @throws CorruptionException if the entry is out of range, truncated or fails its checksum
     */
    public Labels series(long id, List<ChunkMeta> chunks) {
        long off = id * IndexFormat.SERIES_ALIGN;
        if (id < 0 || off >= size - IndexFormat.TOC_SIZE) {
            throw new CorruptionException(name, off, "series reference out of range", "< "
                    + (size - IndexFormat.TOC_SIZE), String.valueOf(off));
        }
        try {
            ByteBuffer b = bufAt(off);
            int local = localAt(off);
            DecodeBuffer d = new DecodeBuffer(b, local, b.limit() - local);
            long len = d.uvarint();
            int contentStart = d.position();
            if (len < 0 || d.remaining() < len + 4) {
                throw new CorruptionException(name, off, "series entry extends past the end of the file", "", "");
            }
            int stored = b.getInt(local + contentStart + (int) len);
            int actual = d.crc32c(contentStart, (int) len);
            if (stored != actual) {
                throw new CorruptionException(name, off, "series checksum mismatch", hex(stored), hex(actual));
            }
            DecodeBuffer c = new DecodeBuffer(b, local + contentStart, (int) len);
            int nl = (int) c.uvarint();
            LabelsBuilder lb = new LabelsBuilder();
            for (int i = 0; i < nl; i++) {
                String ln = symbol(c.uvarint32());
                String lv = symbol(c.uvarint32());
                lb.set(ln, lv);
            }
            if (chunks != null) {
                int nc = (int) c.uvarint();
                if (nc > 0) {
                    long mint = c.varint();
                    long maxt = mint + c.uvarint();
                    long ref = c.uvarint();
                    chunks.add(new ChunkMeta(ref, mint, maxt));
                    for (int i = 1; i < nc; i++) {
                        mint = maxt + c.uvarint();
                        maxt = mint + c.uvarint();
                        ref += c.varint();
                        chunks.add(new ChunkMeta(ref, mint, maxt));
                    }
                }
            }
            return lb.build();
        } catch (DecodeException e) {
            throw new CorruptionException(name, off, "series entry: " + e.getMessage(), "", "", e);
        }
    }

    /** The distinct label names of the series in {@code p}, sorted. */
    public List<String> labelNamesFor(Postings p) {
        TreeSet<String> names = new TreeSet<>();
        while (p.next()) {
            Labels l = series(p.at(), null);
            for (int i = 0; i < l.size(); i++) {
                names.add(l.name(i));
            }
        }
        return new ArrayList<>(names);
    }

    /** Size of the index in bytes. */
    public long size() {
        return size;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
