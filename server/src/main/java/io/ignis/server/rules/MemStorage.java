package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.Exemplar;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.storage.Annotations;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A small float-only storage for {@code ignis test rules} and tests: appends become visible on commit; samples
 * older than a series' last one are rejected as out of order. Histograms, exemplars and metadata are dropped.
 */
public final class MemStorage implements Appendable, Queryable {
    private final Map<Labels, TreeMap<Long, Double>> series = new ConcurrentSkipListMap<>();

    @Override
    public Appender appender() {
        return new Appender() {
            private final List<Object[]> batch = new ArrayList<>();

            @Override
            public long append(long ref, Labels labels, long t, double v) {
                TreeMap<Long, Double> s = series.get(labels);
                if (s != null && !s.isEmpty() && t < s.lastKey()) {
                    throw SampleRejection.OUT_OF_ORDER;
                }
                batch.add(new Object[] {labels, t, v});
                return 0;
            }

            @Override
            public long appendHistogram(long ref, Labels labels, long t, Histogram h, FloatHistogram fh) {
                return 0;
            }

            @Override
            public long appendExemplar(long ref, Labels labels, Exemplar e) {
                return 0;
            }

            @Override
            public long updateMetadata(long ref, Labels labels, MetricMetadata m) {
                return 0;
            }

            @Override
            public void commit() {
                synchronized (series) {
                    for (Object[] s : batch) {
                        series.computeIfAbsent((Labels) s[0], k -> new TreeMap<>()).put((Long) s[1], (Double) s[2]);
                    }
                }
                batch.clear();
            }

            @Override
            public void rollback() {
                batch.clear();
            }
        };
    }

    /** Appends and commits one sample. */
    public void add(Labels l, long t, double v) {
        Appender a = appender();
        a.append(0, l, t, v);
        a.commit();
    }

    /** The samples of one series (a copy). */
    public TreeMap<Long, Double> samples(Labels l) {
        synchronized (series) {
            TreeMap<Long, Double> s = series.get(l);
            return s == null ? new TreeMap<>() : new TreeMap<>(s);
        }
    }

    public List<Labels> allSeries() {
        return new ArrayList<>(series.keySet());
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
                List<Series> out = new ArrayList<>();
                synchronized (series) {
                    for (Map.Entry<Labels, TreeMap<Long, Double>> e : series.entrySet()) {
                        if (matches(e.getKey(), matchers)) {
                            TreeMap<Long, Double> s = new TreeMap<>(e.getValue().subMap(mint, true, maxt, true));
                            if (!s.isEmpty()) {
                                out.add(series(e.getKey(), s));
                            }
                        }
                    }
                }
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
                TreeSet<String> v = new TreeSet<>();
                for (Labels l : series.keySet()) {
                    if (l.has(name) && matches(l, matchers)) {
                        v.add(l.get(name));
                    }
                }
                return new ArrayList<>(v);
            }

            @Override
            public List<String> labelNames(Matcher... matchers) {
                TreeSet<String> v = new TreeSet<>();
                for (Labels l : series.keySet()) {
                    if (matches(l, matchers)) {
                        v.addAll(l.names());
                    }
                }
                return new ArrayList<>(v);
            }

            @Override
            public void close() {
            }
        };
    }

    private static boolean matches(Labels l, Matcher... matchers) {
        for (Matcher m : matchers) {
            String v = l.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    private static Series series(Labels l, TreeMap<Long, Double> s) {
        long[] ts = new long[s.size()];
        double[] vs = new double[s.size()];
        int i = 0;
        for (Map.Entry<Long, Double> e : s.entrySet()) {
            ts[i] = e.getKey();
            vs[i++] = e.getValue();
        }
        return new Series() {
            @Override
            public Labels labels() {
                return l;
            }

            @Override
            public SampleIterator iterator(SampleIterator reuse) {
                return new SampleIterator() {
                    private int pos = -1;

                    @Override
                    public SampleType next() {
                        return ++pos < ts.length ? SampleType.FLOAT : SampleType.NONE;
                    }

                    @Override
                    public SampleType seek(long t) {
                        if (pos < 0) {
                            pos = 0;
                        }
                        while (pos < ts.length && ts[pos] < t) {
                            pos++;
                        }
                        return pos < ts.length ? SampleType.FLOAT : SampleType.NONE;
                    }

                    @Override
                    public long atT() {
                        return ts[pos];
                    }

                    @Override
                    public double atV() {
                        return vs[pos];
                    }
                };
            }
        };
    }
}
