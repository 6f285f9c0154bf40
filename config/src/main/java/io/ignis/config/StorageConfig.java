package io.ignis.config;

import java.time.Duration;

/** The {@code storage} block: {@code tsdb} and {@code exemplars}. */
public record StorageConfig(Tsdb tsdb, Exemplars exemplars) {
    /** {@code storage.tsdb}; {@code chunkEncodingFloats} is {@code xor}, {@code xor2} or empty (flag decides). */
    public record Tsdb(Duration outOfOrderTimeWindow, double staleSeriesCompactionThreshold,
            String chunkEncodingFloats, Retention retention) {
        public static final Tsdb DEFAULT = new Tsdb(Duration.ZERO, 0, "", Retention.DEFAULT);
    }

    /** {@code storage.tsdb.retention}; zero values mean "use the command-line flags". */
    public record Retention(Duration time, ByteSize size, double percentage) {
        public static final Retention DEFAULT = new Retention(Duration.ZERO, ByteSize.ZERO, 0);
    }

    /** {@code storage.exemplars}; 0 or less disables exemplar storage. */
    public record Exemplars(long maxExemplars) {
        public static final Exemplars DEFAULT = new Exemplars(100_000);
    }

    public static final StorageConfig DEFAULT = new StorageConfig(Tsdb.DEFAULT, Exemplars.DEFAULT);
}
