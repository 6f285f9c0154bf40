package io.ignis.tsdb.index;

/**
 * Constants of the index file, format v2 (Prometheus's {@code tsdb/docs/format/index.md}; its header shows
 * version 1 but the writer emits 2):
 *
 * <pre>
 * +----------------------------+---------------------+
 * | magic 0xBAAAD700 (4B)      | version 2 (1B)      |
 * +----------------------------+---------------------+
 * | symbols: len(4B) #symbols(4B) (uvarint len, bytes)* CRC32C(4B)                    |
 * | series: each 16-byte aligned, ID = offset / 16:                                   |
 * |   uvarint len | uvarint #labels | (uvarint32 name sym, uvarint32 value sym)*       |
 * |   uvarint #chunks | varint mint0, uvarint maxt0-mint0, uvarint ref0                |
 * |   (uvarint mint-prevMaxt, uvarint maxt-mint, varint ref-prevRef)* | CRC32C(4B)     |
 * | label indices, label offset table: legacy, empty (TOC points at the next section) |
 * | postings: each 4-byte aligned: len(4B) #refs(4B) ref(4B)* CRC32C(4B);             |
 * |   first the all-postings list under name "" value "", then by name, value         |
 * | postings offset table: len(4B) #entries(4B)                                       |
 * |   (n=2 (uvarint), uvarint len+name, uvarint len+value, uvarint64 offset)* CRC32C  |
 * | TOC: symbols, series, label indices, label offset table, postings,                |
 * |   postings offset table (8B each) CRC32C(4B)                                      |
 * +--------------------------------------------------+
 * </pre>
 *
 * Section lengths exclude the length field and the checksum; checksums cover what the length counts.
 */
public final class IndexFormat {
    public static final int MAGIC = 0xBAAAD700;
    public static final int V1 = 1;
    public static final int V2 = 2;
    public static final int V3 = 3;
    public static final int HEADER_SIZE = 5;
    public static final int TOC_SIZE = 6 * 8 + 4;
    public static final int SERIES_ALIGN = 16;

    private IndexFormat() {
    }
}
