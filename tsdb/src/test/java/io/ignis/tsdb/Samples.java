package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a sample as a value, and reading a querier into a map. */
final class Samples {
    private Samples() {
    }

    /** A sample compared by timestamp and value bits, so NaNs compare too. */
    record Sample(long t, long bits) {
        static Sample of(long t, double v) {
            return new Sample(t, Double.doubleToRawLongBits(v));
        }

        double v() {
            return Double.longBitsToDouble(bits);
        }

        @Override
        public String toString() {
            return t + "=" + v();
        }
    }

    static Map<Labels, List<Sample>> read(Querier q, Matcher... ms) {
        Map<Labels, List<Sample>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, null, ms);
        SampleIterator it = null;
        while (set.next()) {
            List<Sample> l = new ArrayList<>();
            it = set.at().iterator(it);
            for (SampleType st = it.next(); st != SampleType.NONE; st = it.next()) {
                l.add(Sample.of(it.atT(), it.atV()));
            }
            out.put(set.at().labels(), l);
        }
        return out;
    }
}
