package io.ignis.tsdb;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.Series;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.index.Postings;
import io.ignis.tsdb.index.PostingsForMatchers;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the head over {@code [mint, maxt]} as of the isolation epoch taken when it opened: commits that
 * finish later stay invisible, whatever they append. {@link #select} snapshots the chunks of the matching
 * series at once (the open head chunk is copied), so a result stays valid while appends go on.
 */
final class HeadQuerier implements Querier {
    private final Head head;
    private final long mint;
    private final long maxt;
    private final long epoch;
    private boolean closed;

    HeadQuerier(Head head, long mint, long maxt) {
        this.head = head;
        this.mint = mint;
        this.maxt = maxt;
        this.epoch = head.isolation.openReader();
    }

    long epoch() {
        return epoch;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
        ensureOpen();
        // Hints are not used to narrow the range: they are advice, and [mint, maxt] already bounds it.
        long from = mint;
        long to = maxt;
        List<Series> out = new ArrayList<>();
        Postings p = PostingsForMatchers.select(head.postings, matchers);
        while (p.next()) {
            MemSeries s = head.series.getByRef(p.at());
            if (s == null) {
                continue;
            }
            ChunkSnapshot snap = s.snapshot(epoch, from, to);
            if (snap != null) {
                out.add(new HeadSeries(s.labels, snap, from, to));
            }
        }
        if (sorted) {
            out.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        return new ListSeriesSet(out);
    }

    /**
     * As Prometheus's head: values of the series selected by the matchers, read from their labels (no
     * chunk is touched); nothing when the querier's range misses the head's.
     */
    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        ensureOpen();
        if (!overlapsHead()) {
            return List.of();
        }
        if (matchers.length == 0) {
            return head.postings.labelValues(name);
        }
        TreeSet<String> values = new TreeSet<>();
        Postings p = PostingsForMatchers.select(head.postings, matchers);
        while (p.next()) {
            MemSeries s = head.series.getByRef(p.at());
            String v = s == null ? "" : s.labels.get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        ensureOpen();
        if (!overlapsHead()) {
            return List.of();
        }
        if (matchers.length == 0) {
            return head.postings.labelNames();
        }
        TreeSet<String> names = new TreeSet<>();
        Postings p = PostingsForMatchers.select(head.postings, matchers);
        while (p.next()) {
            MemSeries s = head.series.getByRef(p.at());
            if (s != null) {
                Labels l = s.labels;
                for (int i = 0; i < l.size(); i++) {
                    names.add(l.name(i));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private boolean overlapsHead() {
        return (head.minTime() <= maxt && head.maxTime() >= mint)
                || (head.minOooTime() <= maxt && head.maxOooTime() >= mint);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("bug: head querier used after close");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            head.isolation.closeReader(epoch);
        }
    }

    /** A series set over a materialised list. */
    private static final class ListSeriesSet implements SeriesSet {
        private final List<Series> series;
        private int i = -1;

        ListSeriesSet(List<Series> series) {
            this.series = series;
        }

        @Override
        public boolean next() {
            if (i < series.size()) {
                i++;
            }
            return i < series.size();
        }

        @Override
        public Series at() {
            return series.get(i);
        }

        @Override
        public Annotations warnings() {
            return Annotations.EMPTY;
        }
    }
}
