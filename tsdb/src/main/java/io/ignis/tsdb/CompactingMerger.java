package io.ignis.tsdb;

import io.ignis.storage.MergeSampleIterator;
import io.ignis.storage.SampleIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the chunks of one series coming from several blocks, as Prometheus's compacting chunk series merger:
 * chunks are taken in order of their start time; a chunk that overlaps no other is kept as it is, and each run of
 * chunks that overlap one another is merged sample by sample (on equal timestamps the later source wins) and
 * re-encoded by {@link SeriesToChunkEncoder}. Floats, histograms and float histograms may mix; as in Prometheus,
 * a histogram read from another chunk than the sample before it loses its counter-reset hint (it becomes
 * unknown), so the re-encoding appender detects resets from the counts.
 */
final class CompactingMerger {
    private CompactingMerger() {
    }

    private record Source(TimedChunk chunk, int source) {
    }

    /** {@code sources.get(i)} holds source i's chunks in time order; later sources win ties. */
    static List<TimedChunk> merge(List<List<TimedChunk>> sources) {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        List<Source> all = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (TimedChunk c : sources.get(i)) {
                all.add(new Source(c, i));
            }
        }
        // Stable: chunks starting together keep source order.
        all.sort((a, b) -> Long.compare(a.chunk().minTime(), b.chunk().minTime()));
        List<TimedChunk> out = new ArrayList<>(all.size());
        int start = 0;
        while (start < all.size()) {
            long maxt = all.get(start).chunk().maxTime();
            int end = start + 1;
            while (end < all.size() && all.get(end).chunk().minTime() <= maxt) {
                maxt = Math.max(maxt, all.get(end).chunk().maxTime());
                end++;
            }
            if (end - start == 1) {
                out.add(all.get(start).chunk());
            } else {
                out.addAll(mergeOverlapping(all.subList(start, end)));
            }
            start = end;
        }
        return out;
    }

    /** Re-encodes a run of overlapping chunks; each chunk is its own child of the merge, later sources first. */
    private static List<TimedChunk> mergeOverlapping(List<Source> run) {
        List<Source> byPriority = new ArrayList<>(run);
        byPriority.sort((a, b) -> Integer.compare(b.source(), a.source()));
        SampleIterator[] its = new SampleIterator[byPriority.size()];
        for (int i = 0; i < its.length; i++) {
            its[i] = byPriority.get(i).chunk().chunk().iterator(null);
        }
        return SeriesToChunkEncoder.encode(new MergeSampleIterator(its), "merged");
    }
}
