package io.ignis.scrape.textparse;

import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import java.util.Arrays;

/** Renders a parser's entry stream as one line per entry: the form of the golden files. */
final class EntryPrinter {
    private EntryPrinter() {
    }

    static String print(Parser p) {
        StringBuilder sb = new StringBuilder();
        LabelsBuilder lb = new LabelsBuilder();
        ParsedExemplar ex = new ParsedExemplar();
        for (Entry e = p.next(); ; e = p.next()) {
            sb.append(e);
            switch (e) {
                case HELP -> sb.append(' ').append(p.metricFamily()).append(' ').append(GoText.quote(p.help()));
                case TYPE -> sb.append(' ').append(p.metricFamily()).append(' ').append(p.type().text());
                case UNIT -> sb.append(' ').append(p.metricFamily()).append(' ').append(GoText.quote(p.unit()));
                case COMMENT -> sb.append(' ').append(GoText.quote(p.comment()));
                case SERIES, HISTOGRAM -> appendSample(sb, p, e, lb, ex);
                case EOF -> {
                    return sb.append('\n').toString();
                }
                default -> throw new AssertionError(e);
            }
            sb.append('\n');
        }
    }

    private static void appendSample(StringBuilder sb, Parser p, Entry e, LabelsBuilder lb, ParsedExemplar ex) {
        sb.append(' ').append(GoText.quote(p.seriesBuffer(), p.seriesStart(), p.seriesEnd()));
        p.labels(lb);
        sb.append(' ').append(lb.build());
        if (e == Entry.SERIES) {
            sb.append(' ').append(p.value());
        } else {
            sb.append(' ').append(histogramText(p.histogram(), p.floatHistogram()));
        }
        if (p.hasTimestamp()) {
            sb.append(" @").append(p.timestamp());
        }
        long ct = p.createdTimestamp();
        if (ct != 0) {
            sb.append(" ct=").append(ct);
        }
        while (p.exemplar(ex)) {
            sb.append(" ex=").append(ex);
        }
    }

    static String histogramText(Histogram h, FloatHistogram fh) {
        if (h != null) {
            return "h{hint=" + h.counterResetHint() + " schema=" + h.schema() + " zt=" + h.zeroThreshold()
                    + " zc=" + h.zeroCount() + " count=" + h.count() + " sum=" + h.sum()
                    + " pos=" + Arrays.toString(h.positiveSpans()) + Arrays.toString(h.positiveDeltas())
                    + " neg=" + Arrays.toString(h.negativeSpans()) + Arrays.toString(h.negativeDeltas())
                    + " cv=" + Arrays.toString(h.customValues()) + "}";
        }
        return "fh{hint=" + fh.counterResetHint() + " schema=" + fh.schema() + " zt=" + fh.zeroThreshold()
                + " zc=" + fh.zeroCount() + " count=" + fh.count() + " sum=" + fh.sum()
                + " pos=" + Arrays.toString(fh.positiveSpans()) + Arrays.toString(fh.positiveBuckets())
                + " neg=" + Arrays.toString(fh.negativeSpans()) + Arrays.toString(fh.negativeBuckets())
                + " cv=" + Arrays.toString(fh.customValues()) + "}";
    }
}
