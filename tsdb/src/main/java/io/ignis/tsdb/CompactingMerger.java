package io.ignis.tsdb;

import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.chunkenc.ChunkAppender;
import io.ignis.tsdb.chunkenc.XorChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the chunks of one series coming from several blocks, as Prometheus's compacting chunk series merger:
 * chunks that do not overlap in time are kept as they are; if any overlap, the series' samples are merged
 * (on equal timestamps the later source wins) and re-encoded into chunks of
 * {@value XorChunk#TARGET_SAMPLES} samples.
 */
final class CompactingMerger {
    private CompactingMerger() {
    }

    /** {@code sources.get(i)} holds source i's chunks in time order; later sources win ties. */
    static List<TimedChunk> merge(List<List<TimedChunk>> sources) {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        List<TimedChunk> all = new ArrayList<>();
        for (List<TimedChunk> s : sources) {
            all.addAll(s);
        }
        all.sort(Comparator.comparingLong(TimedChunk::minTime));
        boolean overlap = false;
        for (int i = 1; i < all.size() && !overlap; i++) {
            overlap = all.get(i).minTime() <= all.get(i - 1).maxTime();
        }
        if (!overlap) {
            return all;
        }
        long[] ts = new long[0];
        double[] vs = new double[0];
        int n = 0;
        SampleIterator it = null;
        for (List<TimedChunk> s : sources) {
            long[] sts = new long[16];
            double[] svs = new double[16];
            int sn = 0;
            for (TimedChunk c : s) {
                it = c.chunk().iterator(it);
                for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                    if (sn == sts.length) {
                        sts = Arrays.copyOf(sts, sn * 2);
                        svs = Arrays.copyOf(svs, sn * 2);
                    }
                    sts[sn] = it.atT();
                    svs[sn] = it.atV();
                    sn++;
                }
            }
            // Merge the accumulated samples with this source's; this source wins on equal timestamps.
            long[] mts = new long[n + sn];
            double[] mvs = new double[n + sn];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < n || j < sn) {
                if (j >= sn || (i < n && ts[i] < sts[j])) {
                    mts[k] = ts[i];
                    mvs[k++] = vs[i++];
                } else {
                    if (i < n && ts[i] == sts[j]) {
                        i++;
                    }
                    mts[k] = sts[j];
                    mvs[k++] = svs[j++];
                }
            }
            ts = mts;
            vs = mvs;
            n = k;
        }
        return encode(ts, vs, n);
    }

    static List<TimedChunk> encode(long[] ts, double[] vs, int n) {
        List<TimedChunk> out = new ArrayList<>();
        for (int start = 0; start < n; ) {
            XorChunk c = new XorChunk();
            ChunkAppender a = c.appender();
            int i = start;
            while (i < n && c.numSamples() < XorChunk.TARGET_SAMPLES && c.size() < XorChunk.MAX_BYTES_BEFORE_APPEND) {
                a.append(ts[i], vs[i]);
                i++;
            }
            out.add(new TimedChunk(c, ts[start], ts[i - 1]));
            start = i;
        }
        return out;
    }
}
