package io.ignis.tsdb.chunkenc;

/** The encoding byte stored before every chunk; codes fixed by Prometheus's {@code chunkenc.Encoding}. */
public enum ChunkEncoding {
    NONE(0),
    XOR(1),
    HISTOGRAM(2),
    FLOAT_HISTOGRAM(3),
    XOR2(4),
    HISTOGRAM_ST(5),
    FLOAT_HISTOGRAM_ST(6);

    private static final ChunkEncoding[] BY_CODE = values();

    private final int code;

    ChunkEncoding(int code) {
        this.code = code;
    }

    /** The byte written to disk. */
    public int code() {
        return code;
    }

    /** The encoding for a stored byte, or null when the byte names no known encoding. */
    public static ChunkEncoding fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Prometheus's name, as in error messages: {@code XOR}, {@code histogram}, … */
    public String promName() {
        return switch (this) {
            case NONE -> "none";
            case XOR -> "XOR";
            case HISTOGRAM -> "histogram";
            case FLOAT_HISTOGRAM -> "floathistogram";
            case XOR2 -> "XOR2";
            case HISTOGRAM_ST -> "histogramST";
            case FLOAT_HISTOGRAM_ST -> "floathistogramST";
        };
    }
}
