package io.ignis.tsdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which blocks to compact next, as Prometheus's {@code LeveledCompactor.plan}: (1) any run of blocks
 * whose ranges overlap, for vertical compaction; (2) never the newest block, and for each larger range
 * {@code ranges[1..]} the first aligned window holding more than one block that either spans the whole window or
 * ends before the newest block starts; (3) a block whose tombstones exceed 5 % of its series (or cover every
 * series of a small block), rewritten alone. The hint classes (stale/selected series) are not separated.
 */
final class CompactionPlanner {
    private final long[] ranges;

    CompactionPlanner(long[] ranges) {
        if (ranges.length == 0) {
            throw new IllegalArgumentException("at least one block range is required");
        }
        this.ranges = ranges.clone();
    }

    /** The metas to compact together, in time order; empty when there is nothing to do. */
    List<BlockMeta> plan(List<BlockMeta> blocks) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        List<BlockMeta> ds = new ArrayList<>(blocks);
        ds.sort(Comparator.comparingLong(BlockMeta::minTime));
        List<BlockMeta> overlapping = selectOverlapping(ds);
        if (!overlapping.isEmpty()) {
            return overlapping;
        }
        ds = ds.subList(0, ds.size() - 1); // leave the newest block alone
        List<BlockMeta> selected = selectDirs(ds);
        if (!selected.isEmpty()) {
            return selected;
        }
        for (int i = ds.size() - 1; i >= 0; i--) {
            BlockMeta m = ds.get(i);
            BlockMeta.Stats s = m.stats();
            if (m.maxTime() - m.minTime() < ranges[ranges.length / 2]) {
                if (s.numTombstones() > 0 && s.numTombstones() >= s.numSeries()) {
                    return List.of(m);
                }
                break;
            }
            if ((double) s.numTombstones() / (s.numSeries() + 1) > 0.05) {
                return List.of(m);
            }
        }
        return List.of();
    }

    private static List<BlockMeta> selectOverlapping(List<BlockMeta> ds) {
        List<BlockMeta> out = new ArrayList<>();
        if (ds.size() < 2) {
            return out;
        }
        long globalMaxt = ds.get(0).maxTime();
        for (int i = 1; i < ds.size(); i++) {
            BlockMeta d = ds.get(i);
            if (d.minTime() < globalMaxt) {
                if (out.isEmpty()) {
                    out.add(ds.get(i - 1));
                }
                out.add(d);
            } else if (!out.isEmpty()) {
                break;
            }
            globalMaxt = Math.max(globalMaxt, d.maxTime());
        }
        return out;
    }

    private List<BlockMeta> selectDirs(List<BlockMeta> ds) {
        if (ranges.length < 2 || ds.isEmpty()) {
            return List.of();
        }
        long highTime = ds.get(ds.size() - 1).minTime();
        for (int r = 1; r < ranges.length; r++) {
            long iv = ranges[r];
            outer:
            for (List<BlockMeta> p : splitByRange(ds, iv)) {
                for (BlockMeta m : p) {
                    if (m.compaction().failed()) {
                        continue outer;
                    }
                }
                long mint = p.get(0).minTime();
                long maxt = p.get(p.size() - 1).maxTime();
                if ((maxt - mint == iv || maxt <= highTime) && p.size() > 1) {
                    return p;
                }
            }
        }
        return List.of();
    }

    /** Groups consecutive blocks that fit one aligned window of width {@code tr}; blocks wider are skipped. */
    static List<List<BlockMeta>> splitByRange(List<BlockMeta> ds, long tr) {
        List<List<BlockMeta>> out = new ArrayList<>();
        int i = 0;
        while (i < ds.size()) {
            BlockMeta m = ds.get(i);
            long t0 = m.minTime() >= 0 ? tr * (m.minTime() / tr) : tr * ((m.minTime() - tr + 1) / tr);
            if (m.maxTime() > t0 + tr) {
                i++;
                continue;
            }
            List<BlockMeta> group = new ArrayList<>();
            for (; i < ds.size(); i++) {
                if (ds.get(i).maxTime() > t0 + tr) {
                    break;
                }
                group.add(ds.get(i));
            }
            if (!group.isEmpty()) {
                out.add(group);
            }
        }
        return out;
    }
}
