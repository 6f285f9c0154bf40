package io.ignis.storage;

import java.util.List;

/**
 * What the reader intends, so storage may skip work: the time range it will read, the step and range of
 * the function applied (ms), the function name, and the grouping of an enclosing aggregation.
 */
public record SelectHints(long start, long end, long step, String func, List<String> grouping, boolean by,
                          long range) {
    /** Hints that only narrow the time range. */
    public static SelectHints range(long start, long end) {
        return new SelectHints(start, end, 0, "", List.of(), false, 0);
    }
}
