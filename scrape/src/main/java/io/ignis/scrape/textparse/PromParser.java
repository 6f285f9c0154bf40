package io.ignis.scrape.textparse;

import io.ignis.model.MetricType;

/**
 * Parses the Prometheus text format, version 0.0.4 and 1.0.0 (quoted UTF-8 metric and label names such as
 * {@code {"my.metric", a="b"}}), with Prometheus's grammar and error messages. Blank lines, comments, HELP
 * and TYPE lines are entries; a missing trailing newline is tolerated.
 */
public final class PromParser extends TextParser {

    /** Parses {@code b[from, from + length)}. */
    public PromParser(byte[] b, int from, int length) {
        super(new PromLexer(b, from, length));
    }

    private KnownSeries known;

    @Override
    public void knownSeries(KnownSeries known) {
        this.known = known;
    }

    private Token nextToken() {
        Token t;
        do {
            t = l.lex();
        } while (t == Token.WHITESPACE);
        return t;
    }

    @Override
    public Entry next() {
        if (entry == Entry.EOF) {
            return Entry.EOF;
        }
        entry = parseNext();
        return entry;
    }

    private Entry parseNext() {
        while (true) {
            start = l.i;
            offsetCount = 0;
            labelsSkipped = false;
            if (skipExpectedSeries()) {
                return parseMetricSuffix(nextToken());
            }
            Token t = nextToken();
            switch (t) {
                case EOF:
                    return Entry.EOF;
                case LINEBREAK:
                    continue;
                case HELP:
                case TYPE:
                    return parseMetadata(t);
                case COMMENT:
                    textStart = l.start;
                    textEnd = l.i;
                    Token t2 = nextToken();
                    if (t2 != Token.LINEBREAK) {
                        throw parseError("linebreak expected after comment", t2);
                    }
                    return Entry.COMMENT;
                case BRACE_OPEN:
                    addOffsets(-1, -1);
                    if (skipKnownSeries(l.start)) {
                        return parseMetricSuffix(nextToken());
                    }
                    parseLabelValues();
                    seriesEnd = l.i;
                    return parseMetricSuffix(nextToken());
                case METRIC_NAME:
                    addOffsets(start, l.i);
                    seriesEnd = l.i;
                    if (skipKnownSeries(l.i)) {
                        return parseMetricSuffix(nextToken());
                    }
                    Token t3 = nextToken();
                    if (t3 == Token.BRACE_OPEN) {
                        parseLabelValues();
                        seriesEnd = l.i;
                        t3 = nextToken();
                    }
                    return parseMetricSuffix(t3);
                default:
                    throw parseError("expected a valid start token", t);
            }
        }
    }

    /**
     * With a {@link KnownSeries}: finds where the series text continuing at {@code from} ends by a plain scan, and
     * when those bytes are known moves the lexer past them, to the value. The lexer is deterministic and the text
     * starts a line, so bytes that lexed as a whole series once lex the same way again: skipping them changes no
     * outcome, errors included. False (lexer untouched) when not known or not scannable.
     */
    private boolean skipKnownSeries(int from) {
        if (known == null) {
            return false;
        }
        int end = ((PromLexer) l).seriesEndFrom(from);
        return end >= 0 && known.known(l.b, start, end) && skipTo(end);
    }

    /**
     * At the start of a line, with a {@link KnownSeries}: when the line starts with the known series text expected
     * next and a series text ends there, moves the lexer past it without even finding the end of the metric name.
     */
    private boolean skipExpectedSeries() {
        PromLexer pl = (PromLexer) l;
        if (known == null || !pl.atLineStart()) {
            return false;
        }
        int end = known.expectedEnd(l.b, start, l.length);
        return end > start && pl.endsSeriesText(end) && known.known(l.b, start, end) && skipTo(end);
    }

    private boolean skipTo(int end) {
        ((PromLexer) l).resumeAtValue(end);
        seriesEnd = end;
        labelsSkipped = true;
        return true;
    }

    private Entry parseMetadata(Token t) {
        Token t2 = nextToken();
        if (t2 != Token.METRIC_NAME) {
            throw parseError("expected metric name after " + t.text, t2);
        }
        int mStart = l.start;
        int mEnd = l.i;
        if (l.at(mStart) == '"' && l.at(mEnd - 1) == '"') {
            mStart++;
            mEnd--;
        }
        addOffsets(mStart, mEnd);
        t2 = nextToken();
        if (t2 != Token.TEXT) {
            throw error("expected text in " + t.text + ", got " + t2.text);
        }
        // The text token starts with the blank that separates it from the name.
        textStart = l.i - l.start > 1 ? l.start + 1 : l.i;
        textEnd = l.i;
        if (t == Token.TYPE) {
            type = parseType();
        } else if (!GoText.validUtf8(l.b, textStart, textEnd)) {
            throw error("help text " + l.quote(textStart, textEnd) + " is not a valid utf8 string");
        }
        Token t3 = nextToken();
        if (t3 != Token.LINEBREAK) {
            throw parseError("linebreak expected after metadata", t3);
        }
        return t == Token.TYPE ? Entry.TYPE : Entry.HELP;
    }

    private MetricType parseType() {
        if (textEquals(textStart, textEnd, "counter")) {
            return MetricType.COUNTER;
        } else if (textEquals(textStart, textEnd, "gauge")) {
            return MetricType.GAUGE;
        } else if (textEquals(textStart, textEnd, "histogram")) {
            return MetricType.HISTOGRAM;
        } else if (textEquals(textStart, textEnd, "summary")) {
            return MetricType.SUMMARY;
        } else if (textEquals(textStart, textEnd, "untyped")) {
            return MetricType.UNKNOWN;
        }
        throw error("invalid metric type " + l.quote(textStart, textEnd));
    }

    /** Parses the label block after its opening brace, up to and including the closing brace. */
    private void parseLabelValues() {
        Token t = nextToken();
        while (true) {
            int curStart = l.start;
            int curEnd = l.i;
            boolean quoted;
            switch (t) {
                case BRACE_CLOSE:
                    return;
                case LABEL_NAME:
                    quoted = false;
                    break;
                case QUOTED_STRING:
                    quoted = true;
                    break;
                default:
                    throw parseError("expected label name", t);
            }
            t = nextToken();
            // A quoted string followed by a comma or the closing brace is the metric name.
            if (quoted && (t == Token.COMMA || t == Token.BRACE_CLOSE)) {
                if (offsets[0] != -1 || offsets[1] != -1) {
                    throw error("metric name already set while parsing: " + soFar());
                }
                offsets[0] = curStart + 1;
                offsets[1] = curEnd - 1;
                if (t == Token.BRACE_CLOSE) {
                    return;
                }
                t = nextToken();
                continue;
            }
            if (quoted) {
                curStart++;
                curEnd--;
            }
            addOffsets(curStart, curEnd);
            if (t != Token.EQUAL) {
                throw parseError("expected equal", t);
            }
            Token v = nextToken();
            if (v != Token.LABEL_VALUE) {
                throw parseError("expected label value", v);
            }
            if (!GoText.validUtf8(l.b, l.start, l.i)) {
                throw error("invalid UTF-8 label value: " + l.quote(l.start, l.i));
            }
            addOffsets(l.start + 1, l.i - 1);
            // As Prometheus: a trailing comma is allowed, and so (probably by accident) is a missing one.
            t = nextToken();
            if (t == Token.COMMA) {
                t = nextToken();
            }
        }
    }

    private Entry parseMetricSuffix(Token t) {
        if (offsets[0] == -1 && !labelsSkipped) {
            throw error("metric name not set while parsing: " + soFar());
        }
        if (t != Token.VALUE) {
            throw parseError("expected value after metric", t);
        }
        value = numbers.parseFloat(l.b, l.start, l.i);
        if (numbers.error != GoNumbers.OK) {
            throw numberError("ParseFloat", l.start, l.i);
        }
        if (Double.isNaN(value)) {
            value = NORMAL_NAN;
        }
        hasTimestamp = false;
        Token t2 = nextToken();
        switch (t2) {
            case LINEBREAK:
                break;
            case TIMESTAMP:
                hasTimestamp = true;
                timestamp = numbers.parseInt(l.b, l.start, l.i);
                if (numbers.error != GoNumbers.OK) {
                    throw numberError("ParseInt", l.start, l.i);
                }
                Token t3 = nextToken();
                if (t3 != Token.LINEBREAK) {
                    throw parseError("expected next entry after timestamp", t3);
                }
                break;
            default:
                throw parseError("expected timestamp or new record", t2);
        }
        return Entry.SERIES;
    }

    @Override
    public String help() {
        return GoText.unescape(l.b, textStart, textEnd, false);
    }

    @Override
    public boolean helpEquals(String help) {
        return GoText.unescapedEquals(l.b, textStart, textEnd, false, help);
    }

    @Override
    public String unit() {
        return "";
    }

    @Override
    public boolean exemplar(ParsedExemplar into) {
        return false;
    }

    @Override
    public long createdTimestamp() {
        return 0;
    }
}
