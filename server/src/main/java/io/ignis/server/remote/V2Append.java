package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.Exemplar;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.server.remote.proto.v2.Histogram;
import io.ignis.server.remote.proto.v2.Metadata;
import io.ignis.server.remote.proto.v2.Request;
import io.ignis.server.remote.proto.v2.Sample;
import io.ignis.server.remote.proto.v2.TimeSeries;
import io.ignis.storage.Appender;
import io.ignis.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one remote write 2.0 request as Prometheus's {@code writeV2}: a series with invalid labels or a rejected
 * sample is skipped and reported (400), the rest is committed; any other storage error rolls back (500).
 * Counts what was written for the response headers. One use per request.
 */
final class V2Append {
    private final Request req;
    private final Appender app;
    private final LabelsBuilder builder = new LabelsBuilder();
    private final List<String> badRequest = new ArrayList<>();
    long samples;
    long histograms;
    long exemplars;
    long rejected;
    long invalid;
    int status = 204;

    V2Append(Request req, Appender app) {
        this.req = req;
        this.app = app;
    }

    /** Appends and commits; returns null on full success, else the error text for {@link #status}. */
    String run() {
        try {
            for (TimeSeries ts : req.getTimeseriesList()) {
                series(ts);
            }
        } catch (StorageException | IllegalArgumentException e) {
            app.rollback();
            samples = 0;
            histograms = 0;
            exemplars = 0;
            boolean bad = e instanceof IllegalArgumentException;
            status = bad ? 400 : 500;
            return e.getMessage();
        }
        app.commit();
        if (badRequest.isEmpty()) {
            return null;
        }
        status = 400;
        return String.join("\n", badRequest);
    }

    private void series(TimeSeries ts) {
        Labels l = labels(ts.getLabelsRefsList());
        if (l == null || l.metricName() == null || l.metricName().isEmpty()) {
            invalid += ts.getSamplesCount() + ts.getHistogramsCount();
            badRequest.add("invalid metric name or labels, got " + (l == null ? "{}" : l.toString()));
            return;
        }
        long ref = 0;
        for (Sample s : ts.getSamplesList()) {
            try {
                ref = app.append(ref, l, s.getTimestamp(), s.getValue());
                samples++;
            } catch (StorageException e) {
                if (!RemoteWriteReceiver.isRejection(e)) {
                    throw e;
                }
                rejected++;
                badRequest.add(e.getMessage() + " for series " + l + " at " + s.getTimestamp());
            }
        }
        for (Histogram h : ts.getHistogramsList()) {
            try {
                ref = h.hasCountFloat() ? app.appendHistogram(ref, l, h.getTimestamp(), null,
                        HistogramCodec.toFloat(h)) : app.appendHistogram(ref, l, h.getTimestamp(),
                        HistogramCodec.toInt(h), null);
                histograms++;
            } catch (StorageException e) {
                if (!RemoteWriteReceiver.isRejection(e)) {
                    throw e;
                }
                rejected++;
                badRequest.add(e.getMessage() + " for series " + l + " at " + h.getTimestamp());
            }
        }
        for (io.ignis.server.remote.proto.v2.Exemplar e : ts.getExemplarsList()) {
            try {
                Labels el = labels(e.getLabelsRefsList());
                ref = app.appendExemplar(ref, l, new Exemplar(el == null ? Labels.EMPTY : el, e.getValue(),
                        e.getTimestamp(), true));
                exemplars++;
            } catch (StorageException ignored) {
                // As in Prometheus: exemplar errors never fail the request.
            }
        }
        if (ts.hasMetadata() && ts.getMetadata().getTypeValue() != 0) {
            app.updateMetadata(ref, l, metadata(ts.getMetadata()));
        }
    }

    /** Resolves name/value symbol references; null when odd in number or a duplicate name appears. */
    private Labels labels(List<Integer> refs) {
        if (refs.size() % 2 != 0) {
            return null;
        }
        builder.reset(Labels.EMPTY);
        for (int i = 0; i < refs.size(); i += 2) {
            String name = symbol(refs.get(i));
            for (int j = 0; j < i; j += 2) {
                if (symbol(refs.get(j)).equals(name)) {
                    return null;
                }
            }
            builder.set(name, symbol(refs.get(i + 1)));
        }
        return builder.build();
    }

    private String symbol(int ref) {
        if (ref < 0 || ref >= req.getSymbolsCount()) {
            throw new IllegalArgumentException("symbol reference " + ref + " out of range, the table has "
                    + req.getSymbolsCount() + " symbols");
        }
        return req.getSymbols(ref);
    }

    private MetricMetadata metadata(Metadata m) {
        MetricType t = switch (m.getType()) {
            case METRIC_TYPE_COUNTER -> MetricType.COUNTER;
            case METRIC_TYPE_GAUGE -> MetricType.GAUGE;
            case METRIC_TYPE_HISTOGRAM -> MetricType.HISTOGRAM;
            case METRIC_TYPE_GAUGEHISTOGRAM -> MetricType.GAUGE_HISTOGRAM;
            case METRIC_TYPE_SUMMARY -> MetricType.SUMMARY;
            case METRIC_TYPE_INFO -> MetricType.INFO;
            case METRIC_TYPE_STATESET -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
        return new MetricMetadata(t, symbol(m.getUnitRef()), symbol(m.getHelpRef()));
    }
}
