package io.ignis.scrape.textparse;

/** What {@link Parser#next()} found, as Prometheus's textparse.Entry (with EOF instead of an io.EOF error). */
public enum Entry {
    /** A {@code # TYPE} line or the type of a protobuf metric family. */
    TYPE,
    /** A {@code # HELP} line or the help of a protobuf metric family. */
    HELP,
    /** A sample with a float value. */
    SERIES,
    /** A comment line (text format only). */
    COMMENT,
    /** A {@code # UNIT} line or the unit of a protobuf metric family. */
    UNIT,
    /** A sample whose value is a native histogram (protobuf only). */
    HISTOGRAM,
    /** The end of the input; every later call returns EOF again. */
    EOF
}
