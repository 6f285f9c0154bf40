package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.tsdb.index.ChunkMeta;
import io.ignis.tsdb.index.IndexReader;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.tombstones.Intervals;
import io.ignis.tsdb.tombstones.Tombstones;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the series of a block's postings, as Prometheus's {@code blockBaseSeriesSet}: keeps the chunks that
 * overlap {@code [mint, maxt]} and are not wholly deleted, skips series left with none, and turns the parts
 * of the range outside {@code [mint, maxt]} into deleted intervals so iterators trim them.
 */
final class BlockSeriesCursor {
    private final IndexReader index;
    private final Tombstones tombstones;
    private final Postings postings;
    private final long mint;
    private final long maxt;
    private final List<ChunkMeta> buf = new ArrayList<>();
    private Labels labels;
    private List<ChunkMeta> chunks;
    private Intervals deleted;

    BlockSeriesCursor(IndexReader index, Tombstones tombstones, Postings postings, long mint, long maxt) {
        this.index = index;
        this.tombstones = tombstones;
        this.postings = postings;
        this.mint = mint;
        this.maxt = maxt;
    }

    boolean next() {
        while (postings.next()) {
            long ref = postings.at();
            buf.clear();
            Labels l = index.series(ref, buf);
            Intervals ivs = tombstones.get(ref);
            List<ChunkMeta> kept = new ArrayList<>(buf.size());
            for (ChunkMeta c : buf) {
                if (c.maxTime() < mint || c.minTime() > maxt || ivs.covers(c.minTime(), c.maxTime())) {
                    continue;
                }
                kept.add(c);
            }
            if (kept.isEmpty()) {
                continue;
            }
            if (kept.get(0).minTime() < mint) {
                ivs = ivs.add(Long.MIN_VALUE, mint - 1);
            }
            if (kept.get(kept.size() - 1).maxTime() > maxt) {
                ivs = ivs.add(maxt + 1, Long.MAX_VALUE);
            }
            labels = l;
            chunks = kept;
            deleted = ivs;
            return true;
        }
        return false;
    }

    Labels labels() {
        return labels;
    }

    /** The current series' kept chunks; a fresh list per series. */
    List<ChunkMeta> chunks() {
        return chunks;
    }

    /** Deleted intervals of the current series, including the trimmed parts outside the range. */
    Intervals deleted() {
        return deleted;
    }
}
