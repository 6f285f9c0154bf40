package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.value.FloatPoints;
import io.ignis.promql.value.HistogramPoints;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import io.ignis.promql.value.Vector;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects the vectors a range evaluation computes step by step into one matrix: a series per label set, in the
 * order first met, each step's point appended; a label set twice in one step is Prometheus's error.
 */
final class RangeCollector {
    /** One output series and the last step it got a point (no boxing per step). */
    private static final class Slot {
        final Series series;
        long lastTs = Long.MIN_VALUE;

        Slot(Series series) {
            this.series = series;
        }
    }

    private final Map<Labels, Slot> slots = new HashMap<>();
    private final Matrix out = new Matrix();

    /** Appends the points of step {@code ts}. */
    void add(Vector result, long ts) {
        for (int i = 0; i < result.size(); i++) {
            Labels l = result.labels(i);
            Slot slot = slots.get(l);
            if (slot == null) {
                slot = new Slot(new Series(l, new FloatPoints(), new HistogramPoints(1), result.dropName(i)));
                slots.put(l, slot);
                out.add(slot.series);
            } else if (slot.lastTs == ts) {
                throw new PromqlException("vector cannot contain metrics with the same labelset");
            }
            slot.lastTs = ts;
            addPoint(slot.series, ts, result, i);
        }
    }

    /** The series collected so far. */
    Matrix matrix() {
        return out;
    }

    /** Appends element {@code i} of {@code v} to {@code s} at {@code ts}, as a float or a histogram. */
    static void addPoint(Series s, long ts, Vector v, int i) {
        FloatHistogram h = v.histogram(i);
        if (h == null) {
            s.floats().add(ts, v.v(i));
        } else {
            s.histograms().add(ts, h);
        }
    }
}
