package io.ignis.tsdb.chunkenc;

import io.ignis.model.CounterResetHint;

/**
 * The top two bits of a histogram chunk's flags byte (byte 2), as Prometheus's
 * {@code chunkenc.CounterResetHeader}: what the chunk's first sample says about a counter reset, or that
 * the chunk holds a gauge histogram.
 */
public enum CounterResetHeader {
    UNKNOWN(0b00),
    NOT_COUNTER_RESET(0b01),
    COUNTER_RESET(0b10),
    GAUGE(0b11);

    static final int MASK = 0b1100_0000;

    private final int bits;

    CounterResetHeader(int bits) {
        this.bits = bits;
    }

    /** The flags byte with this header in its top two bits. */
    int toFlags() {
        return bits << 6;
    }

    static CounterResetHeader fromFlags(int flags) {
        return switch ((flags & MASK) >>> 6) {
            case 0b01 -> NOT_COUNTER_RESET;
            case 0b10 -> COUNTER_RESET;
            case 0b11 -> GAUGE;
            default -> UNKNOWN;
        };
    }

    /** As Prometheus's {@code CounterResetHintToHeader}. */
    public static CounterResetHeader of(CounterResetHint hint) {
        return switch (hint) {
            case COUNTER_RESET -> COUNTER_RESET;
            case NOT_COUNTER_RESET -> NOT_COUNTER_RESET;
            case GAUGE -> GAUGE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /**
     * The hint a reader reports for the {@code numRead}-th sample (1-based) of a chunk with this header, as
     * Prometheus's {@code counterResetHint}: gauge chunks say gauge; the first sample says unknown (whatever
     * the header, since the previous chunk may be gone); later samples say not-reset.
     */
    CounterResetHint hintForSample(int numRead) {
        if (this == GAUGE) {
            return CounterResetHint.GAUGE;
        }
        return numRead > 1 ? CounterResetHint.NOT_COUNTER_RESET : CounterResetHint.UNKNOWN;
    }
}
