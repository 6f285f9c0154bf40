package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import java.util.List;

/** One command of a test script, with the line it starts on. */
sealed interface Command permits Command.Load, Command.Clear, EvalCommand {
    int line();

    /** {@code load <interval>} or {@code load_with_nhcb <interval>} with its series. */
    record Load(int line, long intervalMs, boolean withNhcb, List<LoadSeries> series) implements Command {
    }

    /** {@code clear}: a fresh storage. */
    record Clear(int line) implements Command {
    }

    /** One series of a load block; {@code startTimestamps} (ms offsets, or null) come from an {@code @st} line. */
    record LoadSeries(Labels labels, SeriesValues values, long[] startOffsets, boolean[] hasStart) {
    }
}
