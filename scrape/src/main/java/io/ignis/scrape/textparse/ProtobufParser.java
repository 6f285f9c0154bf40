package io.ignis.scrape.textparse;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricType;
import io.ignis.scrape.textparse.proto.Bucket;
import io.ignis.scrape.textparse.proto.LabelPair;
import io.ignis.scrape.textparse.proto.Metric;
import io.ignis.scrape.textparse.proto.MetricFamily;
import io.ignis.scrape.textparse.proto.Summary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a stream of varint-length-delimited {@code io.prometheus.client.MetricFamily} messages and maps
 * them to entries exactly as Prometheus's protobuf parser: per family HELP, UNIT (if any), TYPE, then per
 * metric one SERIES (counter, gauge, untyped), the series {@code _count}, {@code _sum} and {@code quantile}
 * or {@code _bucket} ({@code le}, with a synthetic {@code +Inf} bucket) of summaries and classic histograms,
 * or one HISTOGRAM for a native histogram, followed by its classic series when
 * {@code alwaysScrapeClassicHistograms} is set and it has classic buckets. With
 * {@code ignoreNativeHistograms} every histogram is read as a classic one.
 *
 * <p>The series identity is built in a parser-owned buffer: the metric name, then for each label in name
 * order {@code 0xff name 0xff value}, as Prometheus's entry bytes. Each family is decoded with the generated
 * classes, its strings aliasing the response bytes; so unlike the text parsers this one allocates per
 * family (message objects), though still no strings until {@link #labels} is called.
 */
public final class ProtobufParser implements Parser {
    private static final byte SEPARATOR = (byte) 0xff;

    private final byte[] b;
    private final int end;
    private final boolean ignoreNativeHistograms;
    private final boolean alwaysScrapeClassicHistograms;
    private int pos;
    private int familyOffset;

    private MetricFamily family;
    private int metricIndex;
    private Metric metric;
    /** The entry last returned; null between families (Prometheus's EntryInvalid state). */
    private Entry state;
    private boolean eof;

    /** -2: _count, -1: _sum, from 0: quantile or bucket index (as Prometheus's fieldPos). */
    private int fieldPos;
    private boolean fieldsDone;
    private boolean redoClassic;
    private int exemplarPos;
    private boolean exemplarReturned;

    private String suffix = "";
    private String magicLabel;
    private String magicValue;
    private int[] order = new int[16];
    private byte[] key = new byte[256];
    private int keyLength;
    private final LabelsBuilder exemplarLabels = new LabelsBuilder();

    /** Parses {@code b[from, from + length)}. */
    public ProtobufParser(byte[] b, int from, int length, boolean ignoreNativeHistograms,
            boolean alwaysScrapeClassicHistograms) {
        this.b = b;
        this.pos = from;
        this.end = from + length;
        this.ignoreNativeHistograms = ignoreNativeHistograms;
        this.alwaysScrapeClassicHistograms = alwaysScrapeClassicHistograms;
    }

    @Override
    public Entry next() {
        if (eof) {
            return Entry.EOF;
        }
        exemplarReturned = false;
        Entry e = advance();
        if (e == Entry.EOF) {
            eof = true;
        }
        return e;
    }

    private Entry advance() {
        while (true) {
            if (state == null) {
                exemplarPos = 0;
                fieldPos = -2;
                if (pos >= end) {
                    return Entry.EOF;
                }
                readFamily();
                if (family.getMetricCount() == 0) {
                    continue;
                }
                metricIndex = 0;
                metric = family.getMetric(0);
                validateFamily();
                state = Entry.HELP;
                return state;
            }
            switch (state) {
                case HELP -> {
                    state = family.getUnit().isEmpty() ? Entry.TYPE : Entry.UNIT;
                    return state;
                }
                case UNIT -> {
                    state = Entry.TYPE;
                    return state;
                }
                case TYPE -> {
                    if (isHistogramType() && (ignoreNativeHistograms || !isNative())) {
                        state = Entry.SERIES;
                        fieldPos = -3; // the SERIES step below increments it to -2
                        continue;
                    }
                    if (isHistogramType()) {
                        checkConsistency();
                        state = Entry.HISTOGRAM;
                    } else {
                        state = Entry.SERIES;
                    }
                    update();
                    return state;
                }
                case SERIES -> {
                    Entry e = nextSeries();
                    if (e != null) {
                        return e;
                    }
                }
                case HISTOGRAM -> {
                    if (redoClassic) {
                        switchToClassic();
                        continue;
                    }
                    if (!nextMetric()) {
                        state = null;
                        continue;
                    }
                    if (ignoreNativeHistograms || !isNative()) {
                        switchToClassic();
                        continue;
                    }
                    update();
                    return state;
                }
                default -> throw new IllegalStateException("bug: protobuf parser state " + state);
            }
        }
    }

    /** One step in SERIES state; null when the family ended and the loop must go on. */
    private Entry nextSeries() {
        io.ignis.scrape.textparse.proto.MetricType t = family.getType();
        if (t == io.ignis.scrape.textparse.proto.MetricType.SUMMARY || isHistogramType()) {
            if (!fieldsDone) {
                fieldPos++;
                update();
                return state;
            }
            fieldPos = -2;
            fieldsDone = false;
            exemplarPos = 0;
            if (isHistogramType() && !ignoreNativeHistograms && isNative()) {
                // After the classic series of a native histogram, the family goes on with native ones.
                checkConsistency();
                state = Entry.HISTOGRAM;
            }
        }
        if (!nextMetric()) {
            state = null;
            return null;
        }
        update();
        return state;
    }

    private void switchToClassic() {
        redoClassic = false;
        fieldPos = -3;
        fieldsDone = false;
        state = Entry.SERIES;
    }

    private boolean nextMetric() {
        if (metricIndex + 1 >= family.getMetricCount()) {
            return false;
        }
        metric = family.getMetric(++metricIndex);
        return true;
    }

    private void readFamily() {
        familyOffset = pos;
        long length = 0;
        int shift = 0;
        int p = pos;
        int varintLength = 0;
        while (true) {
            if (p >= end || shift >= 64) {
                varintLength = 0;
                break;
            }
            int c = b[p++];
            length |= (long) (c & 0x7f) << shift;
            shift += 7;
            varintLength++;
            if (c >= 0) {
                break;
            }
        }
        if (varintLength == 0 || varintLength > 5) {
            throw error("clientpb: invalid varint encountered");
        }
        long total = varintLength + length;
        if (total > end - pos) {
            throw error("clientpb: insufficient length of buffer, expected at least " + total + " bytes, got "
                    + (end - pos) + " bytes");
        }
        try {
            // Aliasing: names and values stay views of the response instead of copies.
            CodedInputStream in = CodedInputStream.newInstance(b, pos + varintLength, (int) length);
            in.enableAliasing(true);
            family = MetricFamily.parser().parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw error("proto: MetricFamily: " + e.getMessage());
        }
        pos += (int) total;
    }

    private void validateFamily() {
        String name = family.getName();
        if (name.isEmpty() || !family.getNameBytes().isValidUtf8()) {
            throw error("invalid metric name: " + name);
        }
        if (!family.getHelpBytes().isValidUtf8()) {
            throw error("invalid help for metric " + GoText.quote(name) + ": " + family.getHelp());
        }
        // Protobuf-java keeps an enum value it does not know, or a type of the wrong wire type, as unknown.
        if (family.getUnknownFields().hasField(3)) {
            List<Long> values = family.getUnknownFields().getField(3).getVarintList();
            if (values.isEmpty()) {
                throw error("proto: wrong wireType for field Type");
            }
            throw error("unknown metric type for metric " + GoText.quote(name) + ": " + values.get(values.size() - 1));
        }
    }

    private void checkConsistency() {
        String bad = NativeHistograms.inconsistency(metric.getHistogram());
        if (bad != null) {
            throw error("histogram " + GoText.quote(family.getName()) + ": " + bad);
        }
    }

    private ExpositionException error(String reason) {
        return new ExpositionException(0, familyOffset, reason);
    }

    private boolean isHistogramType() {
        io.ignis.scrape.textparse.proto.MetricType t = family.getType();
        return t == io.ignis.scrape.textparse.proto.MetricType.HISTOGRAM
                || t == io.ignis.scrape.textparse.proto.MetricType.GAUGE_HISTOGRAM;
    }

    private boolean isNative() {
        return NativeHistograms.isNative(metric.getHistogram());
    }

    /** Sets the name suffix, the le/quantile label and the series key for the current position. */
    private void update() {
        suffix = magicSuffix();
        setMagicLabel();
        if (state == Entry.HISTOGRAM) {
            redoClassic = alwaysScrapeClassicHistograms && metric.getHistogram().getBucketCount() > 0;
        }
        int n = metric.getLabelCount();
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        for (int k = 0; k < n; k++) {
            LabelPair lp = metric.getLabel(k);
            ByteString name = lp.getNameBytes();
            if (name.isEmpty() || !name.isValidUtf8()) {
                throw error("invalid label name: " + lp.getName());
            }
            if (!lp.getValueBytes().isValidUtf8()) {
                throw error("invalid label value: " + lp.getValue());
            }
            order[k] = k;
        }
        sortLabels(n);
        buildKey(n);
    }

    private String magicSuffix() {
        boolean summary = family.getType() == io.ignis.scrape.textparse.proto.MetricType.SUMMARY;
        if (state == Entry.HISTOGRAM || !(isHistogramType() || summary)) {
            return "";
        }
        if (fieldPos == -2) {
            return "_count";
        }
        if (fieldPos == -1) {
            return "_sum";
        }
        return isHistogramType() ? "_bucket" : "";
    }

    private void setMagicLabel() {
        magicLabel = null;
        magicValue = null;
        if (state == Entry.HISTOGRAM) {
            return;
        }
        if (family.getType() == io.ignis.scrape.textparse.proto.MetricType.SUMMARY) {
            Summary s = metric.getSummary();
            if (fieldPos == -1 && s.getQuantileCount() == 0) {
                fieldsDone = true;
            }
            if (fieldPos < 0) {
                return;
            }
            if (fieldPos >= s.getQuantileCount()) {
                fieldsDone = true;
                return;
            }
            fieldsDone = fieldPos == s.getQuantileCount() - 1;
            magicLabel = "quantile";
            magicValue = GoText.formatOpenMetricsFloat(s.getQuantile(fieldPos).getQuantile());
        } else if (isHistogramType() && fieldPos >= 0) {
            io.ignis.scrape.textparse.proto.Histogram h = metric.getHistogram();
            magicLabel = "le";
            if (fieldPos >= h.getBucketCount()) {
                fieldsDone = true;
                magicValue = "+Inf";
                return;
            }
            double upper = h.getBucket(fieldPos).getUpperBound();
            fieldsDone = upper == Double.POSITIVE_INFINITY;
            magicValue = GoText.formatOpenMetricsFloat(upper);
        }
    }

    /** Insertion sort of label indexes by name; exposed label sets are small and usually sorted already. */
    private void sortLabels(int n) {
        for (int k = 1; k < n; k++) {
            int x = order[k];
            ByteString name = metric.getLabel(x).getNameBytes();
            int j = k - 1;
            while (j >= 0 && compare(metric.getLabel(order[j]).getNameBytes(), name) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    private static int compare(ByteString a, ByteString b) {
        int n = Math.min(a.size(), b.size());
        for (int k = 0; k < n; k++) {
            int c = Integer.compare(a.byteAt(k) & 0xff, b.byteAt(k) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareAscii(ByteString a, String b) {
        int n = Math.min(a.size(), b.length());
        for (int k = 0; k < n; k++) {
            int c = Integer.compare(a.byteAt(k) & 0xff, b.charAt(k));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.length());
    }

    private void buildKey(int n) {
        keyLength = 0;
        append(family.getNameBytes());
        if (!suffix.isEmpty()) {
            appendAscii(suffix);
        }
        boolean magicDone = magicLabel == null;
        for (int k = 0; k < n; k++) {
            LabelPair lp = metric.getLabel(order[k]);
            if (!magicDone && compareAscii(lp.getNameBytes(), magicLabel) > 0) {
                appendMagic();
                magicDone = true;
            }
            ensure(2);
            key[keyLength++] = SEPARATOR;
            append(lp.getNameBytes());
            key[keyLength++] = SEPARATOR;
            append(lp.getValueBytes());
        }
        if (!magicDone) {
            appendMagic();
        }
    }

    private void appendMagic() {
        ensure(2);
        key[keyLength++] = SEPARATOR;
        appendAscii(magicLabel);
        ensure(1);
        key[keyLength++] = SEPARATOR;
        appendAscii(magicValue);
    }

    private void append(ByteString s) {
        ensure(s.size() + 2);
        s.copyTo(key, keyLength);
        keyLength += s.size();
    }

    private void appendAscii(String s) {
        ensure(s.length() + 2);
        for (int k = 0; k < s.length(); k++) {
            key[keyLength++] = (byte) s.charAt(k);
        }
    }

    private void ensure(int more) {
        if (keyLength + more > key.length) {
            key = Arrays.copyOf(key, Math.max(keyLength + more, key.length * 2));
        }
    }

    @Override
    public byte[] seriesBuffer() {
        return key;
    }

    @Override
    public int seriesStart() {
        return 0;
    }

    @Override
    public int seriesEnd() {
        return keyLength;
    }

    @Override
    public double value() {
        switch (family.getType()) {
            case COUNTER:
                return metric.getCounter().getValue();
            case GAUGE:
                return metric.getGauge().getValue();
            case UNTYPED:
                return metric.getUntyped().getValue();
            case SUMMARY: {
                Summary s = metric.getSummary();
                if (fieldPos == -2) {
                    return (double) s.getSampleCount();
                }
                return fieldPos == -1 ? s.getSampleSum() : s.getQuantile(fieldPos).getValue();
            }
            default: {
                io.ignis.scrape.textparse.proto.Histogram h = metric.getHistogram();
                if (fieldPos == -1) {
                    return h.getSampleSum();
                }
                if (fieldPos == -2 || fieldPos >= h.getBucketCount()) {
                    return h.getSampleCountFloat() != 0 ? h.getSampleCountFloat() : (double) h.getSampleCount();
                }
                Bucket bk = h.getBucket(fieldPos);
                return bk.getCumulativeCountFloat() != 0 ? bk.getCumulativeCountFloat()
                        : (double) bk.getCumulativeCount();
            }
        }
    }

    /** As Prometheus: a timestamp_ms of 0 means none. */
    @Override
    public boolean hasTimestamp() {
        return metric.getTimestampMs() != 0;
    }

    @Override
    public long timestamp() {
        return metric.getTimestampMs();
    }

    @Override
    public void labels(LabelsBuilder into) {
        into.reset(Labels.EMPTY);
        into.set(Labels.METRIC_NAME, family.getName() + suffix);
        for (int k = 0; k < metric.getLabelCount(); k++) {
            LabelPair lp = metric.getLabel(k);
            setUnique(into, lp.getName(), lp.getValue());
        }
        if (magicLabel != null) {
            setUnique(into, magicLabel, magicValue);
        }
    }

    private void setUnique(LabelsBuilder into, String name, String value) {
        if (!into.get(name).isEmpty()) {
            throw error(TextParser.duplicateLabel(name));
        }
        into.set(name, value);
    }

    @Override
    public MetricType type() {
        return switch (family.getType()) {
            case COUNTER -> MetricType.COUNTER;
            case GAUGE -> MetricType.GAUGE;
            case HISTOGRAM -> MetricType.HISTOGRAM;
            case GAUGE_HISTOGRAM -> MetricType.GAUGE_HISTOGRAM;
            case SUMMARY -> MetricType.SUMMARY;
            default -> MetricType.UNKNOWN;
        };
    }

    @Override
    public String metricFamily() {
        return family.getName();
    }

    @Override
    public String help() {
        return family.getHelp();
    }

    @Override
    public String unit() {
        return family.getUnit();
    }

    @Override
    public String comment() {
        return "";
    }

    @Override
    public boolean exemplar(ParsedExemplar into) {
        if (exemplarReturned && state == Entry.SERIES) {
            return false;
        }
        io.ignis.scrape.textparse.proto.Exemplar ex = switch (family.getType()) {
            case COUNTER -> metric.getCounter().hasExemplar() ? metric.getCounter().getExemplar() : null;
            case HISTOGRAM, GAUGE_HISTOGRAM -> histogramExemplar();
            default -> null;
        };
        if (ex == null) {
            return false;
        }
        into.reset();
        into.value = ex.getValue();
        if (ex.hasTimestamp()) {
            into.hasTimestamp = true;
            into.timestamp = millis(ex.getTimestamp());
        }
        exemplarLabels.reset(Labels.EMPTY);
        for (LabelPair lp : ex.getLabelList()) {
            exemplarLabels.set(lp.getName(), lp.getValue());
        }
        into.labels = exemplarLabels.build();
        exemplarReturned = true;
        return true;
    }

    /**
     * As Prometheus: a classic bucket series yields its bucket's exemplar; a native histogram yields, one per
     * call, the exemplars that have a timestamp, from its exemplar list or else from its buckets.
     */
    private io.ignis.scrape.textparse.proto.Exemplar histogramExemplar() {
        io.ignis.scrape.textparse.proto.Histogram h = metric.getHistogram();
        boolean classic = state == Entry.SERIES;
        if (!classic && h.getExemplarsCount() > 0) {
            while (exemplarPos < h.getExemplarsCount()) {
                io.ignis.scrape.textparse.proto.Exemplar ex = h.getExemplars(exemplarPos++);
                if (ex.hasTimestamp()) {
                    return ex;
                }
            }
            return null;
        }
        if (fieldPos < 0) {
            if (classic) {
                return null; // _count or _sum
            }
            fieldPos = 0;
        }
        io.ignis.scrape.textparse.proto.Exemplar ex = null;
        while (fieldPos < h.getBucketCount()) {
            Bucket bk = h.getBucket(fieldPos);
            ex = bk.hasExemplar() ? bk.getExemplar() : null;
            if (classic) {
                break;
            }
            fieldPos++;
            if (ex != null && ex.hasTimestamp()) {
                break;
            }
        }
        if (!classic && (ex == null || !ex.hasTimestamp())) {
            return null;
        }
        return ex;
    }

    @Override
    public long createdTimestamp() {
        Timestamp ct = switch (family.getType()) {
            case COUNTER -> metric.getCounter().hasCreatedTimestamp()
                    ? metric.getCounter().getCreatedTimestamp() : null;
            case SUMMARY -> metric.getSummary().hasCreatedTimestamp()
                    ? metric.getSummary().getCreatedTimestamp() : null;
            case HISTOGRAM, GAUGE_HISTOGRAM -> metric.getHistogram().hasCreatedTimestamp()
                    ? metric.getHistogram().getCreatedTimestamp() : null;
            default -> null;
        };
        return ct == null ? 0 : millis(ct);
    }

    private static long millis(Timestamp t) {
        return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
    }

    @Override
    public Histogram histogram() {
        io.ignis.scrape.textparse.proto.Histogram h = metric.getHistogram();
        if (state != Entry.HISTOGRAM || NativeHistograms.isFloat(h)) {
            return null;
        }
        return NativeHistograms.toHistogram(h, hint());
    }

    @Override
    public FloatHistogram floatHistogram() {
        io.ignis.scrape.textparse.proto.Histogram h = metric.getHistogram();
        if (state != Entry.HISTOGRAM || !NativeHistograms.isFloat(h)) {
            return null;
        }
        return NativeHistograms.toFloatHistogram(h, hint());
    }

    private CounterResetHint hint() {
        return family.getType() == io.ignis.scrape.textparse.proto.MetricType.GAUGE_HISTOGRAM
                ? CounterResetHint.GAUGE : CounterResetHint.UNKNOWN;
    }

    /** The UTF-8 text of the current series key, for debugging and tests. */
    @Override
    public String toString() {
        return new String(key, 0, keyLength, StandardCharsets.UTF_8);
    }
}
