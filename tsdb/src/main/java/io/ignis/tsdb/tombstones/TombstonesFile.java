package io.ignis.tsdb.tombstones;

import io.ignis.storage.CorruptionException;
import io.ignis.tsdb.encoding.Crc32c;
import io.ignis.tsdb.encoding.DecodeBuffer;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A block's {@code tombstones} file:
 *
 * <pre>
 * +----------------------------+-----------------+---------------------------------------------+--------------+
 * | magic 0x0130BA30 (4B)      | version 1 (1B)  | (uvarint ref, varint mint, varint maxt)*    | CRC32C (4B)  |
 * +----------------------------+-----------------+---------------------------------------------+--------------+
 * </pre>
 *
 * The checksum covers the entries only, not the version byte (as Prometheus's code does; its format doc is
 * outdated on this).
 */
public final class TombstonesFile {
    public static final String FILE_NAME = "tombstones";
    public static final int MAGIC = 0x0130BA30;
    public static final int VERSION = 1;
    private static final int HEADER_SIZE = 5;
    private static final int CRC_SIZE = 4;

    private TombstonesFile() {
    }

    /** The file's bytes for {@code t}. */
    public static byte[] encode(Tombstones t) {
        EncodeBuffer b = new EncodeBuffer();
        b.putBE32(MAGIC).putByte(VERSION);
        t.forEach((ref, ivs) -> {
            for (int i = 0; i < ivs.size(); i++) {
                b.putUvarint(ref).putVarint(ivs.mint(i)).putVarint(ivs.maxt(i));
            }
        });
        b.putBE32(b.crc32c(HEADER_SIZE));
        return b.toByteArray();
    }

    /** Writes {@code dir/tombstones} atomically; returns its size. */
    public static long write(Path dir, Tombstones t) throws IOException {
        byte[] b = encode(t);
        DurableFiles.writeAtomically(dir.resolve(FILE_NAME), b);
        return b.length;
    }

    /** Reads {@code dir/tombstones}; a missing file means no tombstones. */
    public static Tombstones read(Path dir) throws IOException {
        Path p = dir.resolve(FILE_NAME);
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return new Tombstones();
        }
        return decode(p.toString(), b);
    }

    /**
     * Decodes a tombstones file's bytes.
     *
     * @param file names the source in errors
     * @throws CorruptionException on a bad magic, version, checksum or entry
     */
    public static Tombstones decode(String file, byte[] b) {
        if (b.length < HEADER_SIZE + CRC_SIZE) {
            throw new CorruptionException(file, 0, "tombstones header", "at least " + (HEADER_SIZE + CRC_SIZE)
                    + " bytes", b.length + " bytes");
        }
        DecodeBuffer d = new DecodeBuffer(b, 0, b.length - CRC_SIZE);
        int magic = d.be32();
        if (magic != MAGIC) {
            throw new CorruptionException(file, 0, "invalid magic number", String.format("0x%08X", MAGIC),
                    String.format("0x%08X", magic));
        }
        int version = d.getByte();
        if (version != VERSION) {
            throw new CorruptionException(file, 4, "invalid tombstone format", String.valueOf(VERSION),
                    String.valueOf(version));
        }
        int stored = new DecodeBuffer(b, b.length - CRC_SIZE, CRC_SIZE).be32();
        int actual = Crc32c.checksum(b, HEADER_SIZE, b.length - CRC_SIZE - HEADER_SIZE);
        if (stored != actual) {
            throw new CorruptionException(file, b.length - CRC_SIZE, "checksum did not match",
                    String.format("0x%08X", stored), String.format("0x%08X", actual));
        }
        Tombstones t = new Tombstones();
        try {
            while (d.remaining() > 0) {
                long ref = d.uvarint();
                long mint = d.varint();
                long maxt = d.varint();
                if (maxt < mint) {
                    throw new CorruptionException(file, d.position(), "tombstone interval", "maxt >= mint",
                            "[" + mint + ", " + maxt + "]");
                }
                t.addInterval(ref, mint, maxt);
            }
        } catch (DecodeException e) {
            throw new CorruptionException(file, e.offset(), "tombstone entry: " + e.getMessage(), "", "", e);
        }
        return t;
    }
}
