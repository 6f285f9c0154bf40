package io.ignis.tsdb;

/**
 * The data of {@code /api/v1/status/walreplay} plus what the replay found. Replay finishes before
 * {@link Db#open} returns, so {@code current} equals {@code max} once a Db exists.
 *
 * @param min first WAL segment replayed
 * @param max last WAL segment replayed
 * @param current segment being replayed
 * @param series series records read
 * @param samples samples replayed
 * @param millis replay duration
 * @param damage how a damaged tail was repaired, or null when the WAL was intact
 */
public record WalReplayStatus(int min, int max, int current, long series, long samples, long millis,
                              String damage) {
}
