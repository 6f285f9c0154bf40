package io.ignis.scrape.textparse;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * State and accessors the Prometheus text and OpenMetrics parsers share. The current sample is described
 * by offsets into the input: {@code offsets[0..1]} the metric name, then name start/end and value start/end
 * per label, escapes still in place, so that nothing is decoded unless {@link #labels} is called.
 */
abstract class TextParser implements Parser {
    /** Prometheus's normal NaN ({@code value.NormalNaN}), distinct from the stale marker. */
    static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    final TextLexer l;
    final GoNumbers numbers = new GoNumbers();
    /** Start of the current entry. */
    int start;
    int[] offsets = new int[2 + 4 * 16];
    int offsetCount;
    int seriesEnd;
    /** Set when the current series was known (see {@link Parser#knownSeries}): its labels were not read. */
    boolean labelsSkipped;
    int textStart;
    int textEnd;
    double value;
    long timestamp;
    boolean hasTimestamp;
    MetricType type = MetricType.UNKNOWN;
    Entry entry;

    TextParser(TextLexer l) {
        this.l = l;
    }

    final void addOffsets(int a, int b) {
        if (offsetCount + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[offsetCount++] = a;
        offsets[offsetCount++] = b;
    }

    /** An error as Prometheus reports a token that does not fit: what was expected, what came, the line so far. */
    final ExpositionException parseError(String expected, Token got) {
        int e = Math.min(l.limit, l.i + 1);
        return error(expected + ", got " + l.quote(l.start, e) + " (" + GoText.quote(got.text) + ") while parsing: "
                + l.quote(start, e));
    }

    final ExpositionException error(String reason) {
        return new ExpositionException(l.lineOf(start), start, reason);
    }

    /** The text of the current entry from its start up to the lexer position, quoted as Go's %q. */
    final String soFar() {
        return l.quote(start, l.i);
    }

    final ExpositionException numberError(String function, int from, int to) {
        return error(numbers.message(function, l.b, from, to) + " while parsing: " + soFar());
    }

    @Override
    public final byte[] seriesBuffer() {
        return l.b;
    }

    @Override
    public final int seriesStart() {
        return start;
    }

    @Override
    public final int seriesEnd() {
        return seriesEnd;
    }

    @Override
    public final double value() {
        return value;
    }

    @Override
    public final boolean hasTimestamp() {
        return hasTimestamp;
    }

    @Override
    public final long timestamp() {
        return timestamp;
    }

    @Override
    public final MetricType type() {
        return type;
    }

    @Override
    public final String metricFamily() {
        return GoText.unescape(l.b, offsets[0], offsets[1], true);
    }

    @Override
    public final boolean metricFamilyEquals(String name, byte[] escaped) {
        if (Arrays.equals(l.b, offsets[0], offsets[1], escaped, 0, escaped.length)) {
            return true; // the input escapes the name as escapeName does: it is the name
        }
        // Without a backslash on either side both are plain text, and they differ; otherwise decode to be sure.
        return (GoText.indexOf(l.b, offsets[0], offsets[1], (byte) '\\') >= 0
                || GoText.indexOf(escaped, 0, escaped.length, (byte) '\\') >= 0)
                && GoText.unescapedEquals(l.b, offsets[0], offsets[1], true, name);
    }

    @Override
    public final String comment() {
        return new String(l.b, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    @Override
    public void labels(LabelsBuilder into) {
        if (labelsSkipped) {
            throw new IllegalStateException("bug: labels asked of a series the caller said it knew");
        }
        into.reset(Labels.EMPTY);
        into.set(Labels.METRIC_NAME, GoText.unescape(l.b, offsets[0], offsets[1], true));
        for (int k = 2; k < offsetCount; k += 4) {
            String name = GoText.unescape(l.b, offsets[k], offsets[k + 1], true);
            String v = GoText.unescape(l.b, offsets[k + 2], offsets[k + 3], true);
            if (!into.get(name).isEmpty()) {
                throw error(duplicateLabel(name));
            }
            into.set(name, normalizeFloatsInLabelValues(name, v));
        }
    }

    /**
     * The error Prometheus's head gives a series with a repeated label name, which fails the scrape there;
     * here it surfaces when the labels are first built.
     */
    static String duplicateLabel(String name) {
        return "label name " + GoText.quote(name) + " is not unique: invalid sample";
    }

    /**
     * As Prometheus 3: {@code le} of classic histograms and {@code quantile} of summaries become OpenMetrics
     * float text, so {@code le="1"} and {@code le="1.0"} are one series.
     */
    final String normalizeFloatsInLabelValues(String name, String v) {
        if ((type == MetricType.SUMMARY && name.equals("quantile"))
                || (type == MetricType.HISTOGRAM && name.equals("le"))) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            double f = numbers.parseFloat(bytes, 0, bytes.length);
            if (numbers.error == GoNumbers.OK) {
                return GoText.formatOpenMetricsFloat(f);
            }
        }
        return v;
    }

    /** True when {@code b[from, to)} spells {@code word} in ASCII. */
    final boolean textEquals(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (l.b[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Histogram histogram() {
        return null;
    }

    @Override
    public FloatHistogram floatHistogram() {
        return null;
    }
}
