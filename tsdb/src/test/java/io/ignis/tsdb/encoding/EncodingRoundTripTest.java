package io.ignis.tsdb.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EncodingRoundTripTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    record VarintCase(String name, long value, boolean signed, String hex) {
        @Override
        public String toString() {
            return name;
        }
    }

    // Expected bytes as Go's binary.PutUvarint / binary.PutVarint produce them.
    static Stream<VarintCase> varints() {
        return Stream.of(
                new VarintCase("uvarint 0", 0, false, "00"),
                new VarintCase("uvarint 127", 127, false, "7f"),
                new VarintCase("uvarint 128", 128, false, "8001"),
                new VarintCase("uvarint 300", 300, false, "ac02"),
                new VarintCase("uvarint max uint64", -1L, false, "ffffffffffffffffff01"),
                new VarintCase("varint 0", 0, true, "00"),
                new VarintCase("varint -1", -1, true, "01"),
                new VarintCase("varint 1", 1, true, "02"),
                new VarintCase("varint -64", -64, true, "7f"),
                new VarintCase("varint 64", 64, true, "8001"),
                new VarintCase("varint 1000", 1000, true, "d00f"),
                new VarintCase("varint min int64", Long.MIN_VALUE, true, "ffffffffffffffffff01"),
                new VarintCase("varint max int64", Long.MAX_VALUE, true, "feffffffffffffffff01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("varints")
    void varintBytesMatchGo(VarintCase c) {
        EncodeBuffer e = new EncodeBuffer();
        if (c.signed()) {
            e.putVarint(c.value());
        } else {
            e.putUvarint(c.value());
        }
        assertThat(HexFormat.of().formatHex(e.toByteArray())).isEqualTo(c.hex());
        assertThat(c.signed() ? Varint.varintSize(c.value()) : Varint.uvarintSize(c.value())).isEqualTo(e.len());
        DecodeBuffer d = new DecodeBuffer(e.toByteArray());
        assertThat(c.signed() ? d.varint() : d.uvarint()).isEqualTo(c.value());
        assertThat(d.remaining()).isZero();
    }

    @Test
    void fixedWidthIntegersAreBigEndian() {
        EncodeBuffer e = new EncodeBuffer(1).putBE16(0x0102).putBE32(0x03040506).putBE64(0x0708090a0b0c0d0eL)
                .putByte(0xff).putBE64Float(1.0);
        assertThat(HexFormat.of().formatHex(e.toByteArray()))
                .isEqualTo("0102" + "03040506" + "0708090a0b0c0d0e" + "ff" + "3ff0000000000000");
        DecodeBuffer d = new DecodeBuffer(e.toByteArray());
        assertThat(d.be16()).isEqualTo(0x0102);
        assertThat(d.be32()).isEqualTo(0x03040506);
        assertThat(d.be64()).isEqualTo(0x0708090a0b0c0d0eL);
        assertThat(d.getByte()).isEqualTo(0xff);
        assertThat(d.be64Float()).isEqualTo(1.0);
    }

    @Test
    void randomMixedRecordsRoundTrip() {
        Random r = new Random(SEED);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(50);
            int[] kinds = new int[n];
            long[] vals = new long[n];
            String[] strs = new String[n];
            EncodeBuffer e = new EncodeBuffer(4);
            for (int i = 0; i < n; i++) {
                kinds[i] = r.nextInt(6);
                vals[i] = switch (r.nextInt(3)) {
                    case 0 -> r.nextLong();
                    case 1 -> r.nextInt(300) - 150;
                    default -> r.nextLong() >>> r.nextInt(64);
                };
                switch (kinds[i]) {
                    case 0 -> e.putUvarint(vals[i]);
                    case 1 -> e.putVarint(vals[i]);
                    case 2 -> e.putBE32((int) vals[i]);
                    case 3 -> e.putBE64(vals[i]);
                    case 4 -> e.putByte((int) vals[i]);
                    default -> {
                        strs[i] = randomString(r);
                        e.putUvarintStr(strs[i]);
                    }
                }
            }
            // Decode from a direct buffer at an offset, as from a mapped file.
            ByteBuffer direct = ByteBuffer.allocateDirect(e.len() + 7);
            direct.put(3, e.array(), 0, e.len());
            DecodeBuffer d = new DecodeBuffer(direct, 3, e.len());
            for (int i = 0; i < n; i++) {
                String what = "seed " + SEED + " round " + round + " item " + i;
                switch (kinds[i]) {
                    case 0 -> assertThat(d.uvarint()).as(what).isEqualTo(vals[i]);
                    case 1 -> assertThat(d.varint()).as(what).isEqualTo(vals[i]);
                    case 2 -> assertThat(d.be32()).as(what).isEqualTo((int) vals[i]);
                    case 3 -> assertThat(d.be64()).as(what).isEqualTo(vals[i]);
                    case 4 -> assertThat(d.getByte()).as(what).isEqualTo((int) vals[i] & 0xff);
                    default -> assertThat(d.uvarintStr()).as(what).isEqualTo(strs[i]);
                }
            }
            assertThat(d.remaining()).isZero();
        }
    }

    private static String randomString(Random r) {
        int len = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.appendCodePoint(r.nextInt(4) == 0 ? 0x80 + r.nextInt(0x2000) : 'a' + r.nextInt(26));
        }
        return sb.toString();
    }

    @Test
    void truncatedInputFailsWithOffset() {
        DecodeBuffer d = new DecodeBuffer(new byte[] {1, 2, 3});
        d.getByte();
        assertThatThrownBy(d::be32).isInstanceOf(DecodeException.class)
                .hasMessage("invalid size: need 4 bytes, have 2 at offset 1");
        assertThatThrownBy(() -> new DecodeBuffer(new byte[] {(byte) 0x80}).uvarint())
                .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new DecodeBuffer(new byte[] {5, 'a'}).uvarintStr())
                .isInstanceOf(DecodeException.class).hasMessageContaining("string of 5 bytes");
    }

    @Test
    void overflowingUvarintIsRejected() {
        byte[] b = HexFormat.of().parseHex("ffffffffffffffffff02");
        assertThatThrownBy(() -> new DecodeBuffer(b).uvarint()).isInstanceOf(DecodeException.class)
                .hasMessageContaining("overflows 64 bits");
        byte[] big = new EncodeBuffer().putUvarint(1L << 32).toByteArray();
        assertThatThrownBy(() -> new DecodeBuffer(big).uvarint32()).isInstanceOf(DecodeException.class)
                .hasMessageContaining("overflows 32 bits");
    }

    @Test
    void crc32cIsCastagnoli() {
        // The standard check value of CRC-32C over "123456789".
        byte[] b = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Crc32c.checksum(b, 0, b.length)).isEqualTo(0xe3069283);
        ByteBuffer direct = ByteBuffer.allocateDirect(20).put(5, b);
        assertThat(Crc32c.checksum(direct, 5, b.length)).isEqualTo(0xe3069283);
        assertThat(new EncodeBuffer().putByte(9).putBytes(b).crc32c(1)).isEqualTo(0xe3069283);
    }
}
