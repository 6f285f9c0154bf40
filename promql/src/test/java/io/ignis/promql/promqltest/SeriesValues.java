package io.ignis.promql.promqltest;

import io.ignis.model.FloatHistogram;
import io.ignis.model.StaleNaN;
import java.util.ArrayList;
import java.util.List;

/**
 * The expanded values of a series line: per position either omitted, a float (possibly the stale marker)
 * or a histogram, plus whether the histogram's counter-reset hint is to be checked.
 */
final class SeriesValues {
    static final double STALE_NAN = StaleNaN.VALUE;

    enum Kind { OMITTED, FLOAT, HISTOGRAM }

    private final List<Kind> kinds = new ArrayList<>();
    private final List<Double> floats = new ArrayList<>();
    private final List<FloatHistogram> histograms = new ArrayList<>();
    private final List<Boolean> hintChecked = new ArrayList<>();

    void addOmitted() {
        add(Kind.OMITTED, 0, null, false);
    }

    void addFloat(double v) {
        add(Kind.FLOAT, v, null, false);
    }

    void addHistogram(FloatHistogram h, boolean checkHint) {
        add(Kind.HISTOGRAM, 0, h, checkHint);
    }

    private void add(Kind k, double v, FloatHistogram h, boolean check) {
        kinds.add(k);
        floats.add(v);
        histograms.add(h);
        hintChecked.add(check);
    }

    int size() {
        return kinds.size();
    }

    Kind kind(int i) {
        return kinds.get(i);
    }

    double floatValue(int i) {
        return floats.get(i);
    }

    FloatHistogram histogram(int i) {
        return histograms.get(i);
    }

    boolean hintChecked(int i) {
        return hintChecked.get(i);
    }

    static boolean isStale(double v) {
        return StaleNaN.is(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            switch (kinds.get(i)) {
                case OMITTED -> sb.append('_');
                case FLOAT -> sb.append(isStale(floats.get(i)) ? "stale" : Double.toString(floats.get(i)));
                case HISTOGRAM -> sb.append(HistogramText.format(histograms.get(i)));
            }
        }
        return sb.toString();
    }
}
