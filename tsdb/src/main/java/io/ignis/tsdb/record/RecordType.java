package io.ignis.tsdb.record;

/** The first byte of a WAL record: constants fixed by Prometheus ({@code tsdb/record/record.go}). */
public final class RecordType {
    public static final int UNKNOWN = 255;
    public static final int SERIES = 1;
    public static final int SAMPLES = 2;
    public static final int TOMBSTONES = 3;
    public static final int EXEMPLARS = 4;
    /** Only in the out-of-order WBL. */
    public static final int MMAP_MARKERS = 5;
    public static final int METADATA = 6;
    public static final int HISTOGRAM_SAMPLES = 7;
    public static final int FLOAT_HISTOGRAM_SAMPLES = 8;
    public static final int CUSTOM_BUCKETS_HISTOGRAM_SAMPLES = 9;
    public static final int CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES = 10;
    /** Only with Prometheus's {@code st-storage} feature. */
    public static final int SAMPLES_V2 = 11;
    public static final int HISTOGRAM_SAMPLES_V2 = 12;
    public static final int FLOAT_HISTOGRAM_SAMPLES_V2 = 13;

    private RecordType() {
    }

    /** The type of {@code rec[0, len)}, or {@link #UNKNOWN} for an empty record or an unknown first byte. */
    public static int of(byte[] rec, int len) {
        if (len < 1) {
            return UNKNOWN;
        }
        int t = rec[0] & 0xff;
        return t >= SERIES && t <= FLOAT_HISTOGRAM_SAMPLES_V2 ? t : UNKNOWN;
    }

    public static String name(int type) {
        return switch (type) {
            case SERIES -> "series";
            case SAMPLES -> "samples";
            case TOMBSTONES -> "tombstones";
            case EXEMPLARS -> "exemplars";
            case MMAP_MARKERS -> "mmap markers";
            case METADATA -> "metadata";
            case HISTOGRAM_SAMPLES -> "histogram samples";
            case FLOAT_HISTOGRAM_SAMPLES -> "float histogram samples";
            case CUSTOM_BUCKETS_HISTOGRAM_SAMPLES -> "custom buckets histogram samples";
            case CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES -> "custom buckets float histogram samples";
            case SAMPLES_V2 -> "samples v2";
            case HISTOGRAM_SAMPLES_V2 -> "histogram samples v2";
            case FLOAT_HISTOGRAM_SAMPLES_V2 -> "float histogram samples v2";
            default -> "unknown";
        };
    }
}
