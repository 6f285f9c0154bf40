package io.ignis.scrape;

import io.ignis.config.LabelNames;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Exemplar;
import io.ignis.model.Histogram;
import io.ignis.model.MetricMetadata;
import io.ignis.model.StaleNaN;
import io.ignis.scrape.textparse.Entry;
import io.ignis.scrape.textparse.ExpositionException;
import io.ignis.scrape.textparse.ParsedExemplar;
import io.ignis.scrape.textparse.Parser;
import io.ignis.scrape.textparse.Parsers;
import io.ignis.storage.Appender;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Appends one scrape's samples as Prometheus's {@code scrapeLoop.append}: parse, look each raw series up in the
 * {@link ScrapeCache} (a hit costs no label work), build labels for new series (target labels, honor_labels,
 * metric relabeling, validation and label limits), append, then mark series of the previous scrape that are gone
 * as stale. Per scrape it reports total, added and new series counts. One instance per loop, used by one thread
 * at a time; its buffers are reused across scrapes.
 */
final class ScrapeAppend {
    /** Prometheus's staleness marker: a NaN with this exact bit pattern (model/value/value.go). */

    static final String ERR_NAME_MANDATORY = "missing metric name (__name__ label)";
    static final String ERR_SAMPLE_LIMIT = "sample limit exceeded";
    /** Prometheus's {@code exemplar.Compare}: time, then value, then labels. */
    private static final Comparator<Exemplar> EXEMPLAR_ORDER = Comparator.comparingLong(Exemplar::timestamp)
            .thenComparingDouble(Exemplar::value).thenComparing(Exemplar::labels);

    private final Target target;
    private final ScrapeCache cache;
    private final LoopOptions opts;
    private final ScrapeMetrics metrics;
    private final LabelsBuilder lb = new LabelsBuilder();
    private final ParsedExemplar exemplar = new ParsedExemplar();
    private final List<Exemplar> exemplars = new ArrayList<>();
    private final List<ScrapeCache.Entry> newEntries = new ArrayList<>();
    private final List<String[]> conflicts = new ArrayList<>();

    int total;
    int added;
    int seriesAdded;

    /** The cache lookup the parser asked for the series it is about to return (see {@link Parser#knownSeries}). */
    private ScrapeCache.Entry lookedUp;
    private boolean looked;
    private final Parser.KnownSeries known = new Parser.KnownSeries() {
        @Override
        public boolean known(byte[] b, int from, int to) {
            lookedUp = cache.lookup(b, from, to);
            looked = true;
            return lookedUp != null;
        }

        @Override
        public int expectedEnd(byte[] b, int from, int limit) {
            return cache.expectedEnd(b, from, limit);
        }
    };

    ScrapeAppend(Target target, ScrapeCache cache, LoopOptions opts, ScrapeMetrics metrics) {
        this.target = target;
        this.cache = cache;
        this.opts = opts;
        this.metrics = metrics;
    }

    ScrapeCache cache() {
        return cache;
    }

    /**
     * An empty scrape (a failed one): only stale markers for every series of the previous scrape. Keeps the
     * cache's entries, as a failure says nothing about which series still exist.
     */
    void appendEmpty(Appender app, long t) {
        total = 0;
        added = 0;
        seriesAdded = 0;
        cache.beginScrape();
        appendStaleMarkers(app, t);
        if (cache.iterDone(false)) {
            metrics.cacheFlushForced.increment();
        }
    }

    /**
     * Appends the samples of {@code b[0, length)}. Returns null on success, else the error that fails the scrape;
     * the caller then rolls {@code app} back and calls {@link #appendEmpty} on a new appender.
     */
    String append(Appender app, byte[] b, int length, String contentType, long defTime) {
        total = 0;
        added = 0;
        seriesAdded = 0;
        newEntries.clear();
        cache.beginScrape();
        app.prefetch(cache.refs(), cache.refCount());
        String err;
        try {
            Parser p = Parsers.create(b, 0, length, contentType, opts.parserOptions()).parser();
            looked = false;
            p.knownSeries(known);
            err = appendAll(app, p, defTime);
        } catch (ExpositionException e) {
            err = e.getMessage();
        } catch (RuntimeException e) {
            // A parser bug on hostile input must cost only this scrape, like any malformed body.
            err = "parse error: " + e;
        }
        if (err != null) {
            // Refs handed out by a batch that is rolled back may not exist; look them up next time.
            for (int i = 0; i < newEntries.size(); i++) {
                newEntries.get(i).ref = 0;
            }
            cache.abortScrape();
            return err;
        }
        appendStaleMarkers(app, defTime);
        cache.iterDone(true);
        return null;
    }

    private String appendAll(Appender app, Parser p, long defTime) {
        long iter = cache.iter();
        long appended = 0;
        boolean sampleLimitExceeded = false;
        boolean bucketLimitExceeded = false;
        ScrapeCache.Meta lastMeta = null;
        for (Entry et = p.next(); et != Entry.EOF; et = p.next()) {
            switch (et) {
                case TYPE, HELP, UNIT -> {
                    // HELP and TYPE of one family come together: the second finds the family without a lookup.
                    // Unchanged metadata costs no String and no volatile write.
                    if (lastMeta == null || !p.metricFamilyEquals(lastMeta.family, lastMeta.familyEscaped)) {
                        lastMeta = cache.metaEntry(p);
                    }
                    if (et == Entry.TYPE) {
                        if (lastMeta.type != p.type()) {
                            lastMeta.type = p.type();
                        }
                    } else if (et == Entry.HELP) {
                        if (!p.helpEquals(lastMeta.help)) {
                            lastMeta.help = p.help();
                        }
                    } else if (!p.unit().equals(lastMeta.unit)) {
                        lastMeta.unit = p.unit();
                    }
                    continue;
                }
                case COMMENT -> {
                    continue;
                }
                default -> {
                }
            }
            boolean isHistogram = et == Entry.HISTOGRAM;
            total++;
            boolean explicitTs = opts.honorTimestamps() && p.hasTimestamp();
            long t = explicitTs ? p.timestamp() : defTime;
            byte[] buf = p.seriesBuffer();
            ScrapeCache.Entry ce;
            if (looked) {
                ce = lookedUp; // the parser's lookup of these bytes, which then left a known series' labels unread
                looked = false;
            } else {
                ce = cache.lookup(buf, p.seriesStart(), p.seriesEnd());
            }
            boolean cached = ce != null;
            boolean alreadyScraped = false;
            Labels lset;
            if (cached) {
                alreadyScraped = ce.lastIter == iter;
                ce.lastIter = iter;
                if (ce.labels == null) {
                    continue; // dropped by metric relabeling
                }
                lset = ce.labels;
            } else {
                p.labels(lb);
                lset = mutate();
                if (lset == null) {
                    cache.add(buf, p.seriesStart(), p.seriesEnd(), null, 0);
                    continue;
                }
                String invalid = validate(lset);
                if (invalid != null) {
                    return invalid;
                }
                // The cache keeps these labels as long as the series is scraped. Canonical strings are shared
                // with the head (which interns its copy) and across targets, so a series' names and values are
                // not held twice: about 300 bytes per series (#5 memory profile, 100 node-exporter targets).
                lset = lset.interned();
            }
            Histogram h = null;
            FloatHistogram fh = null;
            if (isHistogram) {
                h = p.histogram();
                fh = p.floatHistogram();
                if (!opts.histogramLimits().none()) {
                    // Before the sample limit, as Prometheus's appender chain: a refused histogram is not counted.
                    try {
                        h = h == null ? null : opts.histogramLimits().apply(h);
                        fh = fh == null ? null : opts.histogramLimits().apply(fh);
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                    if (h == null && fh == null) {
                        bucketLimitExceeded = true;
                        added++;
                        continue;
                    }
                }
            }
            if (opts.sampleLimit() > 0 && ++appended > opts.sampleLimit()) {
                // As Prometheus: keep parsing so the counts are right, then fail the whole scrape.
                sampleLimitExceeded = true;
                added++;
                continue;
            }
            long ref = cached ? ce.ref : 0;
            boolean sampleAdded = false;
            if (alreadyScraped && !explicitTs) {
                metrics.sampleDuplicate.increment();
            } else {
                try {
                    ref = isHistogram ? app.appendHistogram(ref, lset, t, h, fh)
                            : app.append(ref, lset, t, p.value());
                    sampleAdded = true;
                } catch (StorageException e) {
                    if (!countRejection(e)) {
                        return e.getMessage();
                    }
                }
            }
            if (!cached) {
                ce = cache.add(buf, p.seriesStart(), p.seriesEnd(), lset, ref);
                newEntries.add(ce);
                if (sampleAdded) {
                    seriesAdded++;
                }
                if (opts.appendMetadata() && lastMeta != null && sampleAdded) {
                    appendMetadata(app, ref, lset, lastMeta);
                }
            } else if (sampleAdded) {
                ce.ref = ref;
            }
            if (sampleAdded && (!explicitTs || opts.trackTimestampsStaleness())) {
                cache.trackStaleness(ce.tracked);
            }
            added++;
            if (opts.appendExemplars() && sampleAdded) {
                appendExemplars(app, p, ce.ref, lset, t, isHistogram);
            }
        }
        if (sampleLimitExceeded) {
            metrics.exceededSampleLimit.increment();
            return ERR_SAMPLE_LIMIT;
        }
        if (bucketLimitExceeded) {
            metrics.exceededNativeHistogramBucketLimit.increment();
            return HistogramLimits.ERR_BUCKET_LIMIT;
        }
        return null;
    }

    /**
     * Prometheus's {@code mutateSampleLabels}: the target's labels over the exposed ones (or under them with
     * honor_labels, where clashing exposed labels are otherwise renamed {@code exported_<name>}), then metric
     * relabeling. Null when relabeling dropped the series.
     */
    private Labels mutate() {
        Labels t = target.publicLabels();
        if (opts.honorLabels()) {
            for (int i = 0; i < t.size(); i++) {
                if (lb.get(t.name(i)).isEmpty()) {
                    lb.set(t.name(i), t.value(i));
                }
            }
        } else {
            conflicts.clear();
            for (int i = 0; i < t.size(); i++) {
                String exposed = lb.get(t.name(i));
                if (!exposed.isEmpty()) {
                    conflicts.add(new String[] {t.name(i), exposed});
                }
                lb.set(t.name(i), t.value(i));
            }
            if (!conflicts.isEmpty()) {
                conflicts.sort((a, c) -> Integer.compare(a[0].length(), c[0].length()));
                for (String[] c : conflicts) {
                    String name = c[0];
                    do {
                        name = "exported_" + name;
                    } while (!lb.get(name).isEmpty());
                    lb.set(name, c[1]);
                }
            }
        }
        Labels res = lb.build();
        if (!opts.metricRelabeler().isEmpty()) {
            res = opts.metricRelabeler().process(res);
            if (res != null && res.isEmpty()) {
                res = null;
            }
        }
        return res;
    }

    /** The error that fails the scrape for a new series, or null when it is valid and within the label limits. */
    private String validate(Labels lset) {
        String name = lset.metricName();
        if (name.isEmpty()) {
            return ERR_NAME_MANDATORY;
        }
        String scheme = opts.validationScheme();
        boolean valid = LabelNames.isValidMetricName(name, scheme);
        for (int i = 0; valid && i < lset.size(); i++) {
            valid = LabelNames.isValidLabelName(lset.name(i), scheme) && LabelNames.isValidLabelValue(lset.value(i));
        }
        if (!valid) {
            return "invalid metric name or label names: " + lset;
        }
        String limit = LabelLimits.check(lset, opts.labelLimit(), opts.labelNameLengthLimit(),
                opts.labelValueLengthLimit());
        if (limit != null) {
            metrics.exceededLabelLimits.increment();
        }
        return limit;
    }

    /** Counts an expected per-sample rejection and returns true; false for any other storage error. */
    private boolean countRejection(StorageException e) {
        if (e == SampleRejection.OUT_OF_ORDER) {
            metrics.sampleOutOfOrder.increment();
        } else if (e == SampleRejection.DUPLICATE) {
            metrics.sampleDuplicate.increment();
        } else if (e == SampleRejection.OUT_OF_BOUNDS || e == SampleRejection.TOO_OLD) {
            metrics.sampleOutOfBounds.increment();
        } else {
            return false;
        }
        return true;
    }

    /**
     * As Prometheus's scrape loop: an exemplar without a timestamp takes its sample's (a native histogram's is
     * dropped instead: its many exemplars could not be told apart from repeats); the sample's exemplars go in order
     * of time, value and labels; rejections never fail a scrape, and out-of-order ones are counted only when all of
     * the sample's were (otherwise it was a partial update of exemplars already stored).
     */
    private void appendExemplars(Appender app, Parser p, long ref, Labels lset, long t, boolean isHistogram) {
        exemplars.clear();
        while (p.exemplar(exemplar)) {
            if (exemplar.hasTimestamp()) {
                exemplars.add(exemplar.toExemplar());
            } else if (!isHistogram) {
                exemplars.add(new Exemplar(exemplar.labels(), exemplar.value(), t, false));
            }
        }
        if (exemplars.size() > 1) {
            exemplars.sort(EXEMPLAR_ORDER);
        }
        int outOfOrder = 0;
        for (int i = 0; i < exemplars.size(); i++) {
            try {
                app.appendExemplar(ref, lset, exemplars.get(i));
            } catch (StorageException e) {
                if (e == SampleRejection.OUT_OF_ORDER_EXEMPLAR) {
                    outOfOrder++;
                }
            }
        }
        if (outOfOrder > 0 && outOfOrder == exemplars.size()) {
            metrics.exemplarOutOfOrder.add(outOfOrder);
        }
    }

    private static void appendMetadata(Appender app, long ref, Labels lset, ScrapeCache.Meta m) {
        try {
            app.updateMetadata(ref, lset, new MetricMetadata(m.type, m.unit, m.help));
        } catch (StorageException e) {
            // Metadata is best effort, as in Prometheus.
        }
    }

    private void appendStaleMarkers(Appender app, long t) {
        cache.forEachStale(labels -> appendStale(app, labels, t));
    }

    static void appendStale(Appender app, Labels labels, long t) {
        try {
            app.append(0, labels, t, StaleNaN.VALUE);
        } catch (StorageException e) {
            // A marker behind newer data (the series came back elsewhere) is rejected and dropped, as intended.
        }
    }

    /** UTF-8 length in bytes, as Go's len(string) counts label lengths. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
