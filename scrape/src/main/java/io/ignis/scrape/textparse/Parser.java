package io.ignis.scrape.textparse;

import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.MetricType;

/**
 * A pull parser over one scrape response, as Prometheus's textparse.Parser. Call {@link #next()} until it
 * returns {@link Entry#EOF}; after each entry only the accessors that entry names are meaningful.
 *
 * <p>For {@link Entry#SERIES} and {@link Entry#HISTOGRAM}, the series is identified by the bytes
 * {@code seriesBuffer()[seriesStart() .. seriesEnd())}: for the text formats a view into the response (the
 * metric name and label block exactly as written), for protobuf a key the parser builds in its own buffer.
 * A scrape cache can look these bytes up without allocating, and call {@link #labels} only for a series it
 * has not seen. Nothing is allocated per sample until {@link #labels}, {@link #exemplar} or a histogram
 * accessor is called.
 *
 * <p>Everything returned is valid until the next call to {@link #next()}; the input array must not change
 * while the parser is in use. Not thread-safe. Malformed input throws {@link ExpositionException}, and the
 * parser must not be used after that.
 */
public interface Parser {

    /** Whether a scrape cache already holds a series text (see {@link #knownSeries}). */
    interface KnownSeries {
        /** True when the series text {@code b[from, to)} is known; called at most once per series, in input order. */
        boolean known(byte[] b, int from, int to);

        /**
         * A guess at the series that starts at {@code b[from]}: where the known series text expected there (the
         * next one in the order a target usually writes them) would end, if {@code b[from, limit)} starts with it;
         * else -1. The parser checks that a series text ends there, then asks {@link #known} about it.
         */
        int expectedEnd(byte[] b, int from, int limit);
    }

    /**
     * Asks {@code known} about each series text before its labels are read. A parser that can find where a series
     * text ends without reading its labels (the Prometheus text format) calls it once per series, just before
     * {@link #next()} returns that series, and for a known text neither lexes nor checks the labels: those exact
     * bytes were read and checked when they became known, and reading them again would find the same. {@link
     * #labels} and {@link #metricFamily} must then not be called for that series. Other parsers ignore this, and
     * so does the text parser for a line it cannot scan that way. Call before the first {@link #next()}.
     */
    default void knownSeries(KnownSeries known) {
    }

    /** Advances to the next entry; {@link Entry#EOF} at the end of the input, forever after. */
    Entry next();

    /** The array holding the current series' identity bytes (SERIES and HISTOGRAM). */
    byte[] seriesBuffer();

    /** Start (inclusive) of the current series' identity bytes in {@link #seriesBuffer()}. */
    int seriesStart();

    /** End (exclusive) of the current series' identity bytes in {@link #seriesBuffer()}. */
    int seriesEnd();

    /** The float value of the current SERIES entry; NaN values are Prometheus's normal NaN. */
    double value();

    /** Whether the current sample carries its own timestamp. */
    boolean hasTimestamp();

    /** The sample's own timestamp in milliseconds; meaningful only when {@link #hasTimestamp()}. */
    long timestamp();

    /**
     * Resets {@code into} and fills it with the current sample's labels, {@code __name__} included, with
     * escapes resolved and {@code le}/{@code quantile} values of classic histograms and summaries normalised to
     * OpenMetrics float text ({@code 1} becomes {@code 1.0}). Labels with empty values are left out. A label
     * name given twice throws {@link ExpositionException}, as Prometheus rejects such a series. Allocates the
     * strings; call it for new series only.
     */
    void labels(LabelsBuilder into);

    /**
     * The metric type of the current entry: for TYPE the declared type; for samples the type of the last TYPE
     * line seen (as Prometheus does, not checked against the sample's name), {@link MetricType#UNKNOWN} if none.
     */
    MetricType type();

    /** The metric family name of the current TYPE, HELP or UNIT entry, escapes resolved. */
    String metricFamily();

    /**
     * Whether {@link #metricFamily()} equals {@code name}; {@code escaped} is {@code name} as the text formats
     * write it, in UTF-8 with backslash, newline and double quote escaped ({@link #escapeName}). Lets a scrape
     * cache recognise a family it knows without allocating a String per HELP and TYPE line: the text formats
     * compare the input bytes with {@code escaped}, the others may compare Strings.
     */
    default boolean metricFamilyEquals(String name, byte[] escaped) {
        return metricFamily().equals(name);
    }

    /** The UTF-8 bytes of {@code name} as the text formats escape it, for {@link #metricFamilyEquals}. */
    static byte[] escapeName(String name) {
        return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The help text of the current HELP entry, escapes resolved. */
    String help();

    /** Whether {@link #help()} equals {@code help}; allocation-free for the text formats when it does. */
    default boolean helpEquals(String help) {
        return help().equals(help);
    }

    /** The unit of the current UNIT entry; for samples the last unit seen (OpenMetrics), else empty. */
    String unit();

    /** The text of the current COMMENT entry, including its leading {@code #}. */
    String comment();

    /**
     * Fills {@code into} with the next exemplar of the current sample and returns true, or returns false when
     * there are no more (OpenMetrics and protobuf; the Prometheus text format has none).
     */
    boolean exemplar(ParsedExemplar into);

    /**
     * The created (start) timestamp of the current sample in milliseconds, or 0 when the format or the metric
     * type does not provide one.
     */
    long createdTimestamp();

    /** The native histogram of the current HISTOGRAM entry when its counts are integers, else null. */
    Histogram histogram();

    /** The native histogram of the current HISTOGRAM entry when its counts are floats, else null. */
    FloatHistogram floatHistogram();
}
