package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.FloatHistogram;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code metric{l="v"} values…} lines: the metric in PromQL series notation (equality only, quoted
 * names allowed), then the value items of README §4 expanded into {@link SeriesValues}.
 */
final class SeriesLineParser {
    /** A parsed line: label set and expanded values. */
    record SeriesLine(Labels labels, SeriesValues values) {
    }

    private static final String NUM = "[+-]?(?:(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?|(?i:inf|nan))";
    private static final Pattern FLOAT_ITEM = Pattern.compile(
            "^(" + NUM + ")(?:([+-])((?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?))?(?:x(\\d+))?$");
    private static final Pattern OMITTED = Pattern.compile("^_(?:x(\\d+))?$");

    private final String text;
    private int pos;

    private SeriesLineParser(String text) {
        this.text = text;
    }

    static SeriesLine parse(String line) {
        SeriesLineParser p = new SeriesLineParser(line);
        Labels labels = p.metric();
        SeriesValues values = parseValues(line.substring(p.pos));
        return new SeriesLine(labels, values);
    }

    /** Parses only the metric part, which must be the whole text. */
    static Labels parseMetric(String s) {
        SeriesLineParser p = new SeriesLineParser(s);
        Labels l = p.metric();
        p.skipSpace();
        if (p.pos != s.length()) {
            throw new IllegalArgumentException("unexpected text after metric: " + s.substring(p.pos));
        }
        return l;
    }

    private Labels metric() {
        LabelsBuilder b = new LabelsBuilder();
        skipSpace();
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
            pos++;
        }
        if (pos > start) {
            b.set(Labels.METRIC_NAME, text.substring(start, pos));
        }
        if (pos < text.length() && text.charAt(pos) == '{') {
            pos++;
            labelList(b);
        } else if (pos == start) {
            throw new IllegalArgumentException("expected metric name or '{' at column " + (pos + 1));
        }
        return b.build();
    }

    private void labelList(LabelsBuilder b) {
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return;
            }
            String name;
            if (peek() == '"' || peek() == '\'' || peek() == '`') {
                name = GoStrings.unquote(quoted());
            } else {
                int s = pos;
                while (pos < text.length() && isNameChar(text.charAt(pos), pos == s) && text.charAt(pos) != ':') {
                    pos++;
                }
                if (pos == s) {
                    throw new IllegalArgumentException("expected label name at column " + (pos + 1));
                }
                name = text.substring(s, pos);
            }
            skipSpace();
            if (peek() == '=') {
                pos++;
                skipSpace();
                b.set(name, GoStrings.unquote(quoted()));
            } else {
                // A lone quoted string is the metric name ({"my.metric", …}).
                b.set(Labels.METRIC_NAME, name);
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw new IllegalArgumentException("expected ',' or '}' at column " + (pos + 1));
            }
        }
    }

    private String quoted() {
        char q = peek();
        if (q != '"' && q != '\'' && q != '`') {
            throw new IllegalArgumentException("expected quoted string at column " + (pos + 1));
        }
        int s = pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && q != '`') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == q) {
                return text.substring(s, pos);
            }
        }
        throw new IllegalArgumentException("unterminated string starting at column " + (s + 1));
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    /** Expands the value items after the metric. */
    static SeriesValues parseValues(String s) {
        SeriesValues out = new SeriesValues();
        int i = 0;
        while (true) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= s.length()) {
                return out;
            }
            int end;
            if (s.startsWith("{{", i)) {
                end = histogramItemEnd(s, i);
                histogramItem(s.substring(i, end), out);
            } else {
                end = i;
                while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
                    end++;
                }
                item(s.substring(i, end), out);
            }
            i = end;
        }
    }

    private static int histogramItemEnd(String s, int i) {
        int close = s.indexOf("}}", i);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated histogram " + s.substring(i));
        }
        int end = close + 2;
        if (end < s.length() && (s.charAt(end) == '+' || s.charAt(end) == '-') && s.startsWith("{{", end + 1)) {
            close = s.indexOf("}}", end + 1);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated histogram " + s.substring(end));
            }
            end = close + 2;
        }
        while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
            end++;
        }
        return end;
    }

    private static void histogramItem(String item, SeriesValues out) {
        int close = item.indexOf("}}");
        HistogramText.Parsed first = HistogramText.parse(item.substring(2, close));
        String rest = item.substring(close + 2);
        if (rest.isEmpty()) {
            out.addHistogram(first.histogram(), first.hintGiven());
            return;
        }
        if (rest.startsWith("x")) {
            int n = Integer.parseInt(rest.substring(1));
            for (int k = 0; k <= n; k++) {
                out.addHistogram(first.histogram(), first.hintGiven());
            }
            return;
        }
        boolean subtract = rest.charAt(0) == '-';
        int close2 = rest.indexOf("}}");
        if (!rest.startsWith("{{", 1) || close2 < 0 || !rest.startsWith("x", close2 + 2)) {
            throw new IllegalArgumentException("bad histogram run " + item);
        }
        HistogramText.Parsed inc = HistogramText.parse(rest.substring(3, close2));
        int n = Integer.parseInt(rest.substring(close2 + 3));
        FloatHistogram cur = first.histogram();
        out.addHistogram(cur, inc.hintGiven());
        for (int k = 0; k < n; k++) {
            cur = HistogramBuckets.combine(cur, inc.histogram(), subtract);
            out.addHistogram(cur, inc.hintGiven());
        }
    }

    private static void item(String item, SeriesValues out) {
        Matcher m = OMITTED.matcher(item);
        if (m.matches()) {
            int n = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            for (int k = 0; k < n; k++) {
                out.addOmitted();
            }
            return;
        }
        if (item.equals("stale")) {
            out.addFloat(SeriesValues.STALE_NAN);
            return;
        }
        m = FLOAT_ITEM.matcher(item);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad value item '" + item + "'");
        }
        double v = HistogramText.number(m.group(1));
        if (m.group(4) == null) {
            if (m.group(2) != null) {
                throw new IllegalArgumentException("value run without repeat count: '" + item + "'");
            }
            out.addFloat(v);
            return;
        }
        int n = Integer.parseInt(m.group(4));
        double step = 0;
        if (m.group(2) != null) {
            step = Double.parseDouble(m.group(3).replace("_", ""));
            if (m.group(2).equals("-")) {
                step = -step;
            }
        }
        // Repeated addition, not v + i*step, so rounding matches upstream.
        double cur = v;
        out.addFloat(cur);
        for (int k = 0; k < n; k++) {
            cur += step;
            out.addFloat(cur);
        }
    }
}
