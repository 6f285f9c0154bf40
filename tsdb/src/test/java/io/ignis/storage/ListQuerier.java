package io.ignis.storage;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** A hand-written fake querier over fixed series, for tests of code built on {@link Querier}. */
public final class ListQuerier implements Querier {
    /** A series with its samples in time order. */
    public record Data(Labels labels, long[] ts, double[] vs) {
    }

    private final List<Data> series;
    private final long mint;
    private final long maxt;
    private boolean closed;

    public ListQuerier(List<Data> series, long mint, long maxt) {
        this.series = series;
        this.mint = mint;
        this.maxt = maxt;
    }

    public boolean isClosed() {
        return closed;
    }

    private static boolean matches(Labels l, Matcher... ms) {
        for (Matcher m : ms) {
            if (!m.matches(l.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        List<Series> out = new ArrayList<>();
        for (Data d : series) {
            if (!matches(d.labels(), matchers)) {
                continue;
            }
            int from = 0;
            while (from < d.ts().length && d.ts()[from] < mint) {
                from++;
            }
            int to = from;
            while (to < d.ts().length && d.ts()[to] <= maxt) {
                to++;
            }
            if (to > from) {
                long[] ts = Arrays.copyOfRange(d.ts(), from, to);
                double[] vs = Arrays.copyOfRange(d.vs(), from, to);
                out.add(new ArraySeries(d.labels(), ts, vs));
            }
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new SeriesSet() {
            private int i = -1;

            @Override
            public boolean next() {
                return ++i < out.size();
            }

            @Override
            public Series at() {
                return out.get(i);
            }

            @Override
            public Annotations warnings() {
                return Annotations.EMPTY;
            }
        };
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (Data d : series) {
            if (matches(d.labels(), matchers) && d.labels().has(name)) {
                out.add(d.labels().get(name));
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        for (Data d : series) {
            if (matches(d.labels(), matchers)) {
                out.addAll(d.labels().names());
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public void close() {
        closed = true;
    }

    private record ArraySeries(Labels labels, long[] ts, double[] vs) implements Series {
        @Override
        public SampleIterator iterator(SampleIterator reuse) {
            return new SampleIterator() {
                private int i = -1;

                @Override
                public SampleType next() {
                    if (i < ts.length) {
                        i++;
                    }
                    return i < ts.length ? SampleType.FLOAT : SampleType.NONE;
                }

                @Override
                public SampleType seek(long t) {
                    if (i < 0) {
                        i = 0;
                    }
                    while (i < ts.length && ts[i] < t) {
                        i++;
                    }
                    return i < ts.length ? SampleType.FLOAT : SampleType.NONE;
                }

                @Override
                public long atT() {
                    return ts[i];
                }

                @Override
                public double atV() {
                    return vs[i];
                }
            };
        }
    }
}
