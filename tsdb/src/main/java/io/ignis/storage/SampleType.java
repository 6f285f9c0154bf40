package io.ignis.storage;

/** What a {@link SampleIterator} is positioned on; {@link #NONE} once exhausted. */
public enum SampleType {
    NONE,
    FLOAT,
    HISTOGRAM,
    FLOAT_HISTOGRAM
}
