package io.ignis.scrape.textparse;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.MetricType;
import java.nio.charset.StandardCharsets;

/**
 * Parses OpenMetrics 1.0 text with Prometheus's grammar and error messages: {@code # EOF} required and
 * final, {@code # UNIT}, exemplars, timestamps in seconds (converted to milliseconds). The created timestamp
 * of counters, summaries and histograms comes from their {@code _created} series, found by looking ahead;
 * with {@code skipCreatedSeries} those series are not returned as samples.
 */
public final class OpenMetricsParser extends TextParser {
    private final boolean skipCreatedSeries;
    private final LabelsBuilder exemplarLabels = new LabelsBuilder();
    String unit = "";
    /** Length of the metric family name of the last HELP, TYPE or UNIT line. */
    int familyNameLength;

    private int[] exemplarOffsets = new int[16];
    private int exemplarOffsetCount;
    private boolean hasExemplar;
    private double exemplarValue;
    private long exemplarTimestamp;
    private boolean hasExemplarTimestamp;
    /** While looking ahead for a _created line: skip exemplars, as Prometheus's ignoreExemplar. */
    private boolean peeking;

    private final CreatedTimestampLookahead created = new CreatedTimestampLookahead();

    /** Parses {@code b[from, from + length)}. */
    public OpenMetricsParser(byte[] b, int from, int length, boolean skipCreatedSeries) {
        super(new OpenMetricsLexer(b, from, length));
        this.skipCreatedSeries = skipCreatedSeries;
    }

    @Override
    public Entry next() {
        if (entry == Entry.EOF) {
            return Entry.EOF;
        }
        entry = parseNext(skipCreatedSeries);
        return entry;
    }

    Entry parseNext(boolean skipCreated) {
        while (true) {
            start = l.i;
            offsetCount = 0;
            if (!peeking) {
                exemplarOffsetCount = 0;
                hasExemplar = false;
                exemplarValue = 0;
                hasExemplarTimestamp = false;
            }
            Token t = l.lex();
            switch (t) {
                case EOF_WORD:
                    if (l.lex() != Token.EOF) {
                        throw error("unexpected data after # EOF");
                    }
                    return Entry.EOF;
                case EOF:
                    throw error("data does not end with # EOF");
                case HELP:
                case TYPE:
                case UNIT:
                    return parseMetadata(t);
                case BRACE_OPEN:
                    addOffsets(-1, -1);
                    parseLabelValues(false);
                    seriesEnd = l.i;
                    parseSeriesEndOfLine(l.lex());
                    break;
                case METRIC_NAME:
                    addOffsets(start, l.i);
                    seriesEnd = l.i;
                    Token t2 = l.lex();
                    if (t2 == Token.BRACE_OPEN) {
                        parseLabelValues(false);
                        seriesEnd = l.i;
                        t2 = l.lex();
                    }
                    parseSeriesEndOfLine(t2);
                    break;
                default:
                    throw parseError("expected a valid start token", t);
            }
            if (skipCreated && isCreatedSeries()) {
                continue;
            }
            return Entry.SERIES;
        }
    }

    private Entry parseMetadata(Token t) {
        Token t2 = l.lex();
        if (t2 != Token.METRIC_NAME) {
            throw parseError("expected metric name after " + t.text, t2);
        }
        int mStart = l.start;
        int mEnd = l.i;
        if (l.at(mStart) == '"' && l.at(mEnd - 1) == '"') {
            mStart++;
            mEnd--;
        }
        familyNameLength = mEnd - mStart;
        addOffsets(mStart, mEnd);
        if (l.lex() != Token.TEXT) {
            throw error("expected text in " + t.text);
        }
        // The text token is " <text>\n".
        textStart = l.i - l.start > 1 ? l.start + 1 : l.i;
        textEnd = l.i - l.start > 1 ? l.i - 1 : l.i;
        switch (t) {
            case TYPE -> {
                type = parseType();
                return Entry.TYPE;
            }
            case HELP -> {
                if (!GoText.validUtf8(l.b, textStart, textEnd)) {
                    throw error("help text " + l.quote(textStart, textEnd) + " is not a valid utf8 string");
                }
                return Entry.HELP;
            }
            default -> {
                unit = new String(l.b, textStart, textEnd - textStart, StandardCharsets.UTF_8);
                if (!unit.isEmpty()) {
                    int u = textEnd - textStart;
                    boolean suffix = mEnd - mStart >= u + 1 && l.b[mEnd - u - 1] == '_'
                            && java.util.Arrays.equals(l.b, mEnd - u, mEnd, l.b, textStart, textEnd);
                    if (!suffix) {
                        throw error("unit " + GoText.quote(unit) + " not a suffix of metric "
                                + l.quote(mStart, mEnd));
                    }
                }
                return Entry.UNIT;
            }
        }
    }

    private MetricType parseType() {
        for (MetricType m : MetricType.values()) {
            if (textEquals(textStart, textEnd, m.text())) {
                return m;
            }
        }
        throw error("invalid metric type " + l.quote(textStart, textEnd));
    }

    /**
     * Parses a label block after its opening brace, for the sample ({@code exemplar} false, into
     * {@link #offsets}) or for the exemplar (into {@link #exemplarOffsets}). Returns the exemplar offset count.
     */
    private int parseLabelValues(boolean exemplar) {
        int count = 0;
        Token t = l.lex();
        while (true) {
            int curStart = l.start;
            int curEnd = l.i;
            boolean quoted;
            switch (t) {
                case BRACE_CLOSE:
                    return count;
                case LABEL_NAME:
                    quoted = false;
                    break;
                case QUOTED_STRING:
                    quoted = true;
                    break;
                default:
                    throw parseError("expected label name", t);
            }
            t = l.lex();
            if (quoted && (t == Token.COMMA || t == Token.BRACE_CLOSE)) {
                if (exemplar) {
                    throw parseError("expected label name", t);
                }
                if (offsets[0] != -1 || offsets[1] != -1) {
                    throw error("metric name already set while parsing: " + soFar());
                }
                offsets[0] = curStart + 1;
                offsets[1] = curEnd - 1;
                if (t == Token.BRACE_CLOSE) {
                    return count;
                }
                t = l.lex();
                continue;
            }
            if (quoted) {
                curStart++;
                curEnd--;
            }
            count = add(exemplar, count, curStart, curEnd);
            if (t != Token.EQUAL) {
                throw parseError("expected equal", t);
            }
            Token v = l.lex();
            if (v != Token.LABEL_VALUE) {
                throw parseError("expected label value", v);
            }
            if (!GoText.validUtf8(l.b, l.start, l.i)) {
                throw error("invalid UTF-8 label value: " + l.quote(l.start, l.i));
            }
            count = add(exemplar, count, l.start + 1, l.i - 1);
            t = l.lex();
            if (t == Token.COMMA) {
                t = l.lex();
            } else if (t != Token.BRACE_CLOSE) {
                throw parseError("expected comma or brace close", t);
            }
        }
    }

    private int add(boolean exemplar, int count, int a, int b) {
        if (!exemplar) {
            addOffsets(a, b);
            return 0;
        }
        if (count + 2 > exemplarOffsets.length) {
            exemplarOffsets = java.util.Arrays.copyOf(exemplarOffsets, exemplarOffsets.length * 2);
        }
        exemplarOffsets[count] = a;
        exemplarOffsets[count + 1] = b;
        return count + 2;
    }

    private void parseSeriesEndOfLine(Token t) {
        if (offsets[0] == -1) {
            throw error("metric name not set while parsing: " + soFar());
        }
        value = floatValue(t, "metric");
        hasTimestamp = false;
        Token t2 = l.lex();
        switch (t2) {
            case EOF:
                throw error("data does not end with # EOF");
            case LINEBREAK:
                break;
            case COMMENT:
                parseExemplar();
                break;
            case TIMESTAMP:
                hasTimestamp = true;
                timestamp = secondsToMillis(l.start + 1, l.i, "invalid timestamp ");
                Token t3 = l.lex();
                if (t3 == Token.COMMENT) {
                    parseExemplar();
                } else if (t3 != Token.LINEBREAK) {
                    throw parseError("expected next entry after timestamp", t3);
                }
                break;
            default:
                // As Prometheus: anything else is left for the next call to trip over.
                break;
        }
    }

    private void parseExemplar() {
        if (peeking) {
            for (Token t = l.lex(); t != Token.LINEBREAK; t = l.lex()) {
                if (t == Token.EOF) {
                    throw error("data does not end with # EOF");
                }
                if (t == Token.INVALID) {
                    // The lexer does not move past an invalid byte; Prometheus would spin here forever.
                    throw parseError("expected next entry after exemplar", t);
                }
            }
            return;
        }
        exemplarOffsetCount = parseLabelValues(true);
        hasExemplar = true;
        exemplarValue = floatValue(l.lex(), "exemplar labels");
        hasExemplarTimestamp = false;
        Token t2 = l.lex();
        switch (t2) {
            case EOF:
                throw error("data does not end with # EOF");
            case LINEBREAK:
                break;
            case TIMESTAMP:
                hasExemplarTimestamp = true;
                exemplarTimestamp = secondsToMillis(l.start + 1, l.i, "invalid exemplar timestamp ");
                Token t3 = l.lex();
                if (t3 != Token.LINEBREAK) {
                    throw parseError("expected next entry after exemplar timestamp", t3);
                }
                break;
            default:
                throw parseError("expected timestamp or comment", t2);
        }
    }

    private double floatValue(Token t, String after) {
        if (t != Token.VALUE) {
            throw parseError("expected value after " + after, t);
        }
        double v = numbers.parseFloat(l.b, l.start + 1, l.i);
        if (numbers.error != GoNumbers.OK) {
            throw numberError("ParseFloat", l.start + 1, l.i);
        }
        return Double.isNaN(v) ? NORMAL_NAN : v;
    }

    /** OpenMetrics timestamps are float seconds; truncated to milliseconds as Prometheus's int64(ts * 1000). */
    private long secondsToMillis(int from, int to, String invalid) {
        double ts = numbers.parseFloat(l.b, from, to);
        if (numbers.error != GoNumbers.OK) {
            throw numberError("ParseFloat", from, to);
        }
        if (Double.isNaN(ts) || Double.isInfinite(ts)) {
            throw error(invalid + (Double.isNaN(ts) ? "NaN" : ts > 0 ? "+Inf" : "-Inf"));
        }
        return (long) (ts * 1000);
    }

    /** Whether the current sample is a {@code _created} series of a type that has a created timestamp. */
    boolean isCreatedSeries() {
        return typeHasCreated(type) && nameEndsWithCreated(offsets[0], offsets[1]);
    }

    boolean nameEndsWithCreated(int nameStart, int nameEnd) {
        return nameEnd - nameStart >= 8 && textEquals(nameEnd - 8, nameEnd, "_created");
    }

    static boolean typeHasCreated(MetricType t) {
        return t == MetricType.COUNTER || t == MetricType.SUMMARY || t == MetricType.HISTOGRAM;
    }

    @Override
    public String help() {
        return GoText.unescape(l.b, textStart, textEnd, true);
    }

    @Override
    public boolean helpEquals(String help) {
        return GoText.unescapedEquals(l.b, textStart, textEnd, true, help);
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public boolean exemplar(ParsedExemplar into) {
        if (!hasExemplar) {
            return false;
        }
        into.reset();
        exemplarLabels.reset(Labels.EMPTY);
        for (int k = 0; k < exemplarOffsetCount; k += 4) {
            exemplarLabels.set(new String(l.b, exemplarOffsets[k], exemplarOffsets[k + 1] - exemplarOffsets[k],
                            StandardCharsets.UTF_8),
                    new String(l.b, exemplarOffsets[k + 2], exemplarOffsets[k + 3] - exemplarOffsets[k + 2],
                            StandardCharsets.UTF_8));
        }
        into.labels = exemplarLabels.build();
        into.value = exemplarValue;
        into.hasTimestamp = hasExemplarTimestamp;
        into.timestamp = hasExemplarTimestamp ? exemplarTimestamp : 0;
        hasExemplar = false; // OpenMetrics has at most one exemplar per sample
        return true;
    }

    @Override
    public long createdTimestamp() {
        return created.lookup(this);
    }

    void setPeeking(boolean peeking) {
        this.peeking = peeking;
    }
}
