package io.ignis.model;

/**
 * Prometheus's staleness marker ({@code model/value.StaleNaN}): a NaN with fixed bits, appended when a series
 * disappears (and as the sum of a histogram marker). Only these exact bits mark staleness, and any NaN compares
 * unequal to itself, so test the bits with {@link #is}, never with {@link Double#isNaN} or {@code ==}.
 */
public final class StaleNaN {
    public static final long BITS = 0x7ff0000000000002L;
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleNaN() {
    }

    /** Whether {@code v} is the staleness marker. */
    public static boolean is(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
