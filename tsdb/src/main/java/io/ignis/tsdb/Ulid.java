package io.ignis.tsdb;

import java.util.Arrays;

/**
 * A ULID: 48-bit millisecond timestamp and 80 random bits, written as 26 Crockford base32 characters. Block
 * directories are named by it, so sorting names sorts blocks by creation time. Immutable.
 */
public record Ulid(long msb, long lsb) implements Comparable<Ulid> {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = (byte) i;
            DECODE[Character.toLowerCase(ALPHABET[i])] = (byte) i;
        }
    }

    /** A ULID from its parts: {@code timestampMs} must fit 48 bits, {@code randHi} 16 bits. */
    public static Ulid of(long timestampMs, long randHi, long randLo) {
        if ((timestampMs >>> 48) != 0) {
            throw new IllegalArgumentException("ULID timestamp " + timestampMs + " exceeds 48 bits");
        }
        return new Ulid((timestampMs << 16) | (randHi & 0xffff), randLo);
    }

    /** The creation time in ms since the epoch. */
    public long timestamp() {
        return msb >>> 16;
    }

    /**
     * Parses the 26-character form (case-insensitive).
     *
     * @throws IllegalArgumentException if {@code s} is not a ULID
     */
    public static Ulid parse(String s) {
        if (s.length() != 26) {
            throw new IllegalArgumentException("invalid ULID " + quote(s) + ": length " + s.length() + ", want 26");
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 26; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0 || (i == 0 && v > 7)) {
                throw new IllegalArgumentException("invalid ULID " + quote(s) + ": bad character at " + i);
            }
            hi = (hi << 5) | (lo >>> 59);
            lo = (lo << 5) | v;
        }
        return new Ulid(hi, lo);
    }

    /** Whether {@code s} parses as a ULID. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private int fiveBits(int shift) {
        if (shift >= 64) {
            return (int) (msb >>> (shift - 64)) & 31;
        }
        if (shift + 5 <= 64) {
            return (int) (lsb >>> shift) & 31;
        }
        return (int) ((lsb >>> shift) | (msb << (64 - shift))) & 31;
    }

    @Override
    public String toString() {
        char[] out = new char[26];
        for (int i = 0; i < 26; i++) {
            out[i] = ALPHABET[fiveBits((25 - i) * 5)];
        }
        return new String(out);
    }

    @Override
    public int compareTo(Ulid o) {
        int c = Long.compareUnsigned(msb, o.msb);
        return c != 0 ? c : Long.compareUnsigned(lsb, o.lsb);
    }
}
