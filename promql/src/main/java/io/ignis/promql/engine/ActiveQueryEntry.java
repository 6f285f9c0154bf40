package io.ignis.promql.engine;

import java.nio.charset.StandardCharsets;

/**
 * One entry of {@code queries.active}: {@code {"query":"…","timestamp_sec":…}} encoded as Go's encoding/json
 * encodes it (so {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code u} escapes), with the query
 * cut at a character boundary so the entry fits its slot.
 */
final class ActiveQueryEntry {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ActiveQueryEntry() {
    }

    /**
     * The entry in at most {@code maxBytes} bytes. Prometheus cuts the raw query to the bytes left beside an
     * entry with an empty query; we cut the escaped query to the same budget, which is the same cut unless the
     * query has characters to escape (where Prometheus's entry would overrun its slot into the next one).
     */
    static byte[] json(String query, long timestampSec, int maxBytes) {
        byte[] head = "{\"query\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\",\"timestamp_sec\":" + timestampSec + "}").getBytes(StandardCharsets.US_ASCII);
        int budget = maxBytes - head.length - tail.length;
        byte[] out = new byte[maxBytes];
        System.arraycopy(head, 0, out, 0, head.length);
        int n = head.length;
        int limit = head.length + budget;
        byte[] rune = new byte[12];
        for (int i = 0; i < query.length(); ) {
            int cp = query.codePointAt(i);
            i += Character.charCount(cp);
            int len = escape(cp, rune);
            if (n + len > limit) {
                break;
            }
            System.arraycopy(rune, 0, out, n, len);
            n += len;
        }
        System.arraycopy(tail, 0, out, n, tail.length);
        n += tail.length;
        byte[] entry = new byte[n];
        System.arraycopy(out, 0, entry, 0, n);
        return entry;
    }

    /** Writes code point {@code cp} as encoding/json does into {@code dst}; returns the byte count. */
    private static int escape(int cp, byte[] dst) {
        switch (cp) {
            case '"' -> {
                return two(dst, '"');
            }
            case '\\' -> {
                return two(dst, '\\');
            }
            case '\n' -> {
                return two(dst, 'n');
            }
            case '\r' -> {
                return two(dst, 'r');
            }
            case '\t' -> {
                return two(dst, 't');
            }
            case '\b' -> {
                return two(dst, 'b');
            }
            case '\f' -> {
                return two(dst, 'f');
            }
            default -> {
                if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 || cp == 0x2029) {
                    return unicode(dst, cp);
                }
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    // A lone surrogate: Go has no such string; its encoder writes invalid UTF-8 as U+FFFD.
                    return unicode(dst, 0xfffd);
                }
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, dst, 0, b.length);
                return b.length;
            }
        }
    }

    private static int two(byte[] dst, char c) {
        dst[0] = '\\';
        dst[1] = (byte) c;
        return 2;
    }

    private static int unicode(byte[] dst, int cp) {
        dst[0] = '\\';
        dst[1] = 'u';
        dst[2] = HEX[(cp >> 12) & 0xf];
        dst[3] = HEX[(cp >> 8) & 0xf];
        dst[4] = HEX[(cp >> 4) & 0xf];
        dst[5] = HEX[cp & 0xf];
        return 6;
    }
}
