package io.ignis.server.federate;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.FloatHistogram;
import io.ignis.model.StaleNaN;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.promql.value.LabelOrder;
import io.ignis.server.federate.Exposition.Sample;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Queryable;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers {@code /federate} as Prometheus's federation handler: for each series matching any {@code match[]}
 * selector, its latest sample in {@code [now - lookback, now]}; stale markers skipped; series sorted by metric
 * name. The text format 0.0.4 unless the Accept header prefers delimited protobuf; exponential native
 * histograms only go out as protobuf (the text format cannot carry them), custom-bucket ones as classic
 * histograms. Prometheus never negotiates OpenMetrics here, so neither do we. The body is streamed.
 */
public final class FederateHandler {
    /** Prometheus's staleness marker: a NaN with this exact bit pattern. */

    private final Queryable queryable;
    private final LongSupplier clock;
    private final long lookbackDeltaMs;
    private final Supplier<Labels> externalLabels;

    public FederateHandler(Queryable queryable, LongSupplier clock, long lookbackDeltaMs,
                           Supplier<Labels> externalLabels) {
        this.queryable = Objects.requireNonNull(queryable, "queryable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lookbackDeltaMs = lookbackDeltaMs;
        this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
    }

    public Response handle(Request r) {
        List<Matcher[]> sets = new ArrayList<>();
        try {
            for (String s : r.params("match[]")) {
                sets.add(PromqlParser.parseMetricSelector(s).toArray(new Matcher[0]));
            }
        } catch (ParseException e) {
            return Response.text(400, e.getMessage() + "\n");
        }
        long maxt = clock.getAsLong();
        long mint = maxt - lookbackDeltaMs;
        // Held in memory as Prometheus holds its vector: the output is ordered by metric name, not label set.
        List<Sample> samples = latestSamples(sets, mint, maxt);
        Map<String, String> external = externalLabelsWithInstance();
        Exposition format = AcceptHeader.wantsProtobuf(r.header("accept"))
                ? new ProtobufExposition(external) : new TextExposition(external);
        return Response.streamed(200, format.contentType(), out -> format.write(samples, out));
    }

    /** The external labels plus {@code instance=""} unless set, so federated series never inherit an instance. */
    private Map<String, String> externalLabelsWithInstance() {
        Map<String, String> ext = new TreeMap<>(LabelOrder::compareStrings);
        externalLabels.get().forEach(ext::put);
        ext.putIfAbsent("instance", "");
        return ext;
    }

    private List<Sample> latestSamples(List<Matcher[]> sets, long mint, long maxt) {
        TreeMap<Labels, Sample> bySeries = new TreeMap<>(LabelOrder::compare);
        SelectHints hints = SelectHints.range(mint, maxt);
        try (Querier q = queryable.querier(mint, maxt)) {
            SampleIterator it = null;
            for (Matcher[] ms : sets) {
                SeriesSet set = q.select(true, hints, ms);
                while (set.next()) {
                    Labels l = set.at().labels();
                    if (bySeries.containsKey(l)) {
                        continue;
                    }
                    it = set.at().iterator(it);
                    Sample s = latest(l, it, mint, maxt);
                    if (s != null) {
                        bySeries.put(l, s);
                    }
                }
            }
        }
        List<Sample> out = new ArrayList<>(bySeries.values());
        // Stable: series of one name stay in label order.
        out.sort((a, b) -> LabelOrder.compareStrings(name(a.labels()), name(b.labels())));
        return out;
    }

    private static String name(Labels l) {
        String n = l.get(Labels.METRIC_NAME);
        return n == null ? "" : n;
    }

    /** The last sample at or before {@code maxt} and not before {@code mint}; null if none or if it is stale. */
    private static Sample latest(Labels l, SampleIterator it, long mint, long maxt) {
        long t = Long.MIN_VALUE;
        double v = 0;
        FloatHistogram h = null;
        for (SampleType st = it.seek(mint); st != SampleType.NONE; st = it.next()) {
            if (it.atT() > maxt) {
                break;
            }
            t = it.atT();
            if (st == SampleType.FLOAT) {
                v = it.atV();
                h = null;
            } else {
                h = it.atFloatHistogram();
            }
        }
        if (t == Long.MIN_VALUE) {
            return null;
        }
        if (h != null ? StaleNaN.is(h.sum())
                : StaleNaN.is(v)) {
            return null;
        }
        return new Sample(l, t, v, h);
    }
}
