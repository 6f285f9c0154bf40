package io.ignis.scrape.textparse;

/**
 * The lexer of the Prometheus text format, a hand-written twin of the DFA Prometheus generates from
 * promlex.l, so that tokens end (and errors point) exactly where Prometheus's do. It never backtracks: a
 * token is accepted where the automaton can go no further, and {@link Token#INVALID} leaves {@link #i} on
 * the first byte that did not fit. The input gets a virtual trailing newline, as Prometheus appends one.
 */
final class PromLexer extends TextLexer {
    static final int INIT = 0;
    static final int COMMENT = 1;
    static final int META1 = 2;
    static final int META2 = 3;
    static final int LABELS = 4;
    static final int LVALUE = 5;
    static final int VALUE = 6;
    static final int TIMESTAMP = 7;

    private int c;

    PromLexer(byte[] b, int from, int length) {
        super(b, from, length, true);
    }

    private int next() {
        i++;
        if (i >= limit) {
            i = limit;
            return 0;
        }
        // As in Prometheus: NUL bytes are legal inside label values and help text; skip them there.
        while (at(i) == 0 && (state == LVALUE || state == META2 || state == COMMENT)) {
            i++;
        }
        return at(i);
    }

    @Override
    Token lex() {
        if (i >= limit) {
            return Token.EOF;
        }
        c = at(i);
        start = i;
        while (true) {
            switch (state) {
                case INIT -> {
                    Token t = lexInit();
                    if (t != null) {
                        return t;
                    }
                    // "#" and blanks: continue in the comment state from the current byte
                }
                case COMMENT -> {
                    return lexComment();
                }
                case META1 -> {
                    return lexMeta1();
                }
                case META2 -> {
                    return lexMeta2();
                }
                case LABELS -> {
                    return lexLabels();
                }
                case LVALUE -> {
                    if (c == '"') {
                        return quoted(Token.LABEL_VALUE, LABELS);
                    }
                    return isBlank(c) ? whitespace() : abort();
                }
                case VALUE -> {
                    return lexValue();
                }
                case TIMESTAMP -> {
                    return lexTimestamp();
                }
                default -> throw new IllegalStateException("bug: lexer state " + state);
            }
        }
    }

    /**
     * Where the series text continuing at {@code p} (just past its metric name, or at the brace of a line that
     * starts with one) ends, found without lexing: past blanks and a label block when one follows (quoted strings
     * skipped with their escapes), else {@code p}; -1 when the block does not close on this line.
     */
    int seriesEndFrom(int p) {
        int k = p;
        while (k < length && isBlank(b[k])) {
            k++;
        }
        if (k >= length || b[k] != '{') {
            return p;
        }
        for (k++; k < length; k++) {
            int x = b[k];
            if (x == '}') {
                return k + 1;
            } else if (x == '\n') {
                return -1;
            } else if (x == '"') {
                for (k++; k < length && b[k] != '"'; k++) {
                    if (b[k] == '\\') {
                        k++;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Whether a known series text (one that lexed whole before) that the input has at {@code [i, p)} ends at
     * {@code p} here too: after a label block always, as the closing brace ends it whatever follows; after a bare
     * metric name only when the name does not go on and no label block follows.
     */
    boolean endsSeriesText(int p) {
        return b[p - 1] == '}' || (!isMetricNameChar(at(p)) && seriesEndFrom(p) == p);
    }

    boolean atLineStart() {
        return state == INIT;
    }

    /** Continues lexing at {@code p}, the end of a series text, where the value comes next. */
    void resumeAtValue(int p) {
        i = p;
        state = VALUE;
    }

    private Token lexInit() {
        if (c == '#') {
            c = next();
            if (!isBlank(c)) {
                return consumeComment();
            }
            while (isBlank(c)) {
                c = next();
            }
            state = COMMENT;
            return null;
        }
        if (isMetricNameStart(c)) {
            skipMetricName();
            state = VALUE;
            return Token.METRIC_NAME;
        }
        switch (c) {
            case '\n' -> {
                next();
                state = INIT;
                return Token.LINEBREAK;
            }
            case ' ', '\t' -> {
                return whitespace();
            }
            case 0 -> {
                next();
                return Token.EOF;
            }
            case '{' -> {
                next();
                state = LABELS;
                return Token.BRACE_OPEN;
            }
            default -> {
                return abort();
            }
        }
    }

    private Token lexComment() {
        if (c == 'H' || c == 'T') {
            boolean help = c == 'H';
            if (!keyword(help ? "ELP" : "YPE")) {
                return abort();
            }
            state = META1;
            return help ? Token.HELP : Token.TYPE;
        }
        if (isBlank(c)) {
            return whitespace();
        }
        return abort();
    }

    /** Matches the rest of HELP/TYPE and at least one blank; on a mismatch the line is a comment. */
    private boolean keyword(String rest) {
        for (int k = 0; k < rest.length(); k++) {
            c = next();
            if (c != rest.charAt(k)) {
                return false;
            }
        }
        c = next();
        if (!isBlank(c)) {
            return false;
        }
        while (isBlank(c)) {
            c = next();
        }
        return true;
    }

    private Token lexMeta1() {
        if (c == '"') {
            return quoted(Token.METRIC_NAME, META2);
        }
        if (isMetricNameStart(c)) {
            skipMetricName();
            state = META2;
            return Token.METRIC_NAME;
        }
        return isBlank(c) ? whitespace() : abort();
    }

    private Token lexMeta2() {
        if (isBlank(c)) {
            do {
                c = next();
            } while (isBlank(c));
            if (c == '\n' || c == 0) {
                return Token.WHITESPACE;
            }
        }
        // The rest of the line in one scan: NUL bytes, which next() skips here, end nothing either.
        int k = i;
        while (k < length && b[k] != '\n') {
            k++;
        }
        i = k;
        c = at(k);
        state = INIT;
        return Token.TEXT;
    }

    private Token lexLabels() {
        if (c == '"') {
            return quoted(Token.QUOTED_STRING, LABELS);
        }
        if (isLabelNameStart(c)) {
            int k = i + 1;
            while (k < length && isLabelNameChar(b[k])) {
                k++;
            }
            i = k;
            c = at(k);
            return Token.LABEL_NAME;
        }
        switch (c) {
            case ',' -> {
                next();
                return Token.COMMA;
            }
            case '=' -> {
                next();
                state = LVALUE;
                return Token.EQUAL;
            }
            case '}' -> {
                next();
                state = VALUE;
                return Token.BRACE_CLOSE;
            }
            case ' ', '\t' -> {
                return whitespace();
            }
            default -> {
                return abort();
            }
        }
    }

    private Token lexValue() {
        if (isBlank(c)) {
            return whitespace();
        }
        if (c == '{') {
            next();
            state = LABELS;
            return Token.BRACE_OPEN;
        }
        if (c == 0 || c == '\n') {
            return abort();
        }
        int k = i + 1;
        while (k < length) {
            int x = b[k];
            if (x == 0 || x == '\n' || x == ' ' || x == '\t' || x == '{') {
                break;
            }
            k++;
        }
        i = k;
        c = at(k);
        state = TIMESTAMP;
        return Token.VALUE;
    }

    private Token lexTimestamp() {
        if (c == '\n') {
            next();
            state = INIT;
            return Token.LINEBREAK;
        }
        if (isBlank(c)) {
            return whitespace();
        }
        if (c >= '0' && c <= '9') {
            do {
                c = next();
            } while (c >= '0' && c <= '9');
            return Token.TIMESTAMP;
        }
        return abort();
    }

    /** A double-quoted string with backslash escapes; raw newlines are allowed, NUL bytes are not. */
    private Token quoted(Token token, int nextState) {
        while (true) {
            // Bytes that end or escape nothing are passed in one scan; next() then takes the one that may.
            int k = i + 1;
            while (k < length) {
                int x = b[k];
                if (x == '"' || x == '\\' || x == 0) {
                    break;
                }
                k++;
            }
            i = k - 1;
            c = next();
            if (c == '"') {
                next();
                state = nextState;
                return token;
            }
            if (c == '\\') {
                c = next();
                if (c == 0 || c == '\n') {
                    return abort();
                }
            } else if (c == 0) {
                return abort();
            }
        }
    }

    private Token whitespace() {
        do {
            c = next();
        } while (isBlank(c));
        return Token.WHITESPACE;
    }

    private Token abort() {
        // As Prometheus's lexer: a line starting like HELP or TYPE that turns out not to be one is a comment.
        return state == COMMENT ? consumeComment() : Token.INVALID;
    }

    private Token consumeComment() {
        for (c = at(i); ; c = next()) {
            if (c == 0) {
                return Token.EOF;
            }
            if (c == '\n') {
                state = INIT;
                return Token.COMMENT;
            }
        }
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isMetricNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    static boolean isMetricNameChar(int c) {
        return isMetricNameStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Moves past a metric name whose first byte is at {@code i}, in one scan (no state here skips NUL bytes);
     * {@code c} becomes the byte after it.
     */
    private void skipMetricName() {
        int k = i + 1;
        while (k < length && isMetricNameChar(b[k])) {
            k++;
        }
        i = k;
        c = at(k);
    }

    static boolean isLabelNameChar(int c) {
        return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isLabelNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
