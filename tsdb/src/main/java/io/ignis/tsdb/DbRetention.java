package io.ignis.tsdb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which blocks retention removes, as Prometheus's {@code BeyondTimeRetention} and {@code BeyondSizeRetention}.
 * Both walk the blocks newest first. Time retention is relative to the data, not the wall clock: a block goes
 * when its end is at least the retention older than the newest block's end, and so does every older block.
 * Size retention starts from the bytes the head holds on disk (WAL and head chunks), adds blocks until the
 * limit is crossed, and drops that block and every older one.
 */
final class DbRetention {
    private DbRetention() {
    }

    /** The blocks of {@code newestFirst} beyond {@code retentionMillis}; empty when it is 0 (disabled). */
    static Set<Ulid> beyondTime(List<Block> newestFirst, long retentionMillis) {
        Set<Ulid> out = new HashSet<>();
        if (newestFirst.isEmpty() || retentionMillis == 0) {
            return out;
        }
        long newest = newestFirst.get(0).maxTime();
        for (int i = 1; i < newestFirst.size(); i++) {
            if (newest - newestFirst.get(i).maxTime() >= retentionMillis) {
                for (int j = i; j < newestFirst.size(); j++) {
                    out.add(newestFirst.get(j).ulid());
                }
                break;
            }
        }
        return out;
    }

    /**
     * The blocks of {@code newestFirst} beyond {@code maxBytes}, counting {@code headBytes} first; empty when
     * the limit is 0 (disabled).
     */
    static Set<Ulid> beyondSize(List<Block> newestFirst, long maxBytes, long headBytes) {
        Set<Ulid> out = new HashSet<>();
        if (newestFirst.isEmpty() || maxBytes <= 0) {
            return out;
        }
        long total = headBytes;
        for (int i = 0; i < newestFirst.size(); i++) {
            total += newestFirst.get(i).size();
            if (total > maxBytes) {
                for (int j = i; j < newestFirst.size(); j++) {
                    out.add(newestFirst.get(j).ulid());
                }
                break;
            }
        }
        return out;
    }
}
