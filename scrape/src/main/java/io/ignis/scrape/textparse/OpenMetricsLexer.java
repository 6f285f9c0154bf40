package io.ignis.scrape.textparse;

/**
 * The lexer of OpenMetrics 1.0 text, a hand-written twin of the DFA Prometheus generates from
 * openmetricslex.l: single spaces as separators, no free-form comments, exemplars after {@code " # "}.
 * Like {@link PromLexer} it never backtracks, so tokens and error positions match Prometheus's.
 */
final class OpenMetricsLexer extends TextLexer {
    static final int INIT = 0;
    static final int COMMENT = 1;
    static final int META1 = 2;
    static final int META2 = 3;
    static final int LABELS = 4;
    static final int LVALUE = 5;
    static final int VALUE = 6;
    static final int TIMESTAMP = 7;
    static final int EXEMPLAR = 8;
    static final int EVALUE = 9;
    static final int ETIMESTAMP = 10;

    private int c;

    OpenMetricsLexer(byte[] b, int from, int length) {
        super(b, from, length, false);
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
            if (i >= limit) {
                return 0;
            }
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
        return switch (state) {
            case INIT -> lexInit();
            case COMMENT -> lexComment();
            case META1 -> lexMeta1();
            case META2 -> lexMeta2();
            case LABELS -> lexLabels(LABELS, true);
            case LVALUE -> c == '"' ? quoted(Token.LABEL_VALUE, LABELS, false) : abort();
            case VALUE -> lexValue();
            case TIMESTAMP -> lexTimestamp();
            case EXEMPLAR -> lexLabels(EXEMPLAR, false);
            case EVALUE -> lexExemplarValue();
            case ETIMESTAMP -> lexExemplarTimestamp();
            default -> throw new IllegalStateException("bug: lexer state " + state);
        };
    }

    private Token lexInit() {
        if (c == '#') {
            c = next();
            if (c != ' ') {
                return abort();
            }
            c = next();
            state = COMMENT;
            return lexComment();
        }
        if (PromLexer.isMetricNameStart(c)) {
            do {
                c = next();
            } while (PromLexer.isMetricNameChar(c));
            state = VALUE;
            return Token.METRIC_NAME;
        }
        if (c == '{') {
            next();
            state = LABELS;
            return Token.BRACE_OPEN;
        }
        return abort();
    }

    private Token lexComment() {
        switch (c) {
            case 'E' -> {
                if (!word("OF")) {
                    return abort();
                }
                c = next();
                if (c == '\n') {
                    next();
                }
                state = INIT;
                return Token.EOF_WORD;
            }
            case 'H' -> {
                return keyword("ELP ", Token.HELP);
            }
            case 'T' -> {
                return keyword("YPE ", Token.TYPE);
            }
            case 'U' -> {
                return keyword("NIT ", Token.UNIT);
            }
            default -> {
                return abort();
            }
        }
    }

    private boolean word(String rest) {
        for (int k = 0; k < rest.length(); k++) {
            c = next();
            if (c != rest.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private Token keyword(String rest, Token token) {
        if (!word(rest)) {
            return abort();
        }
        next();
        state = META1;
        return token;
    }

    private Token lexMeta1() {
        if (c == '"') {
            return quoted(Token.METRIC_NAME, META2, true);
        }
        if (PromLexer.isMetricNameStart(c)) {
            do {
                c = next();
            } while (PromLexer.isMetricNameChar(c));
            state = META2;
            return Token.METRIC_NAME;
        }
        return abort();
    }

    /** A space, any text, and the newline: the token includes both, the parser strips them. */
    private Token lexMeta2() {
        if (c != ' ') {
            return abort();
        }
        while (true) {
            c = next();
            if (c == '\n') {
                next();
                state = INIT;
                return Token.TEXT;
            }
            if (c == 0) {
                return abort();
            }
        }
    }

    private Token lexLabels(int self, boolean newlineInNames) {
        if (c == '"') {
            return quoted(Token.QUOTED_STRING, self, newlineInNames);
        }
        if (PromLexer.isLabelNameStart(c)) {
            do {
                c = next();
            } while (PromLexer.isLabelNameStart(c) || (c >= '0' && c <= '9'));
            return Token.LABEL_NAME;
        }
        switch (c) {
            case ',' -> {
                next();
                return Token.COMMA;
            }
            case '=' -> {
                next();
                state = self == LABELS ? LVALUE : EVALUE;
                return Token.EQUAL;
            }
            case '}' -> {
                next();
                state = self == LABELS ? VALUE : EVALUE;
                return Token.BRACE_CLOSE;
            }
            default -> {
                return abort();
            }
        }
    }

    /** A double-quoted string; raw newlines only where {@code newlineAllowed}, never NUL bytes. */
    private Token quoted(Token token, int nextState, boolean newlineAllowed) {
        while (true) {
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
            } else if (c == 0 || (c == '\n' && !newlineAllowed)) {
                return abort();
            }
        }
    }

    private Token lexValue() {
        if (c == '{') {
            next();
            state = LABELS;
            return Token.BRACE_OPEN;
        }
        if (c != ' ') {
            return abort();
        }
        return spaceAndWord(Token.VALUE, TIMESTAMP);
    }

    /** A space and a run of bytes that are neither space, newline nor NUL. */
    private Token spaceAndWord(Token token, int nextState) {
        c = next();
        if (!isWordByte(c)) {
            return abort();
        }
        do {
            c = next();
        } while (isWordByte(c));
        state = nextState;
        return token;
    }

    private Token lexTimestamp() {
        if (c == '\n') {
            next();
            state = INIT;
            return Token.LINEBREAK;
        }
        if (c != ' ') {
            return abort();
        }
        c = next();
        if (c == '#') {
            c = next();
            if (c == ' ') {
                c = next();
                if (c != '{') {
                    return abort();
                }
                next();
                state = EXEMPLAR;
                return Token.COMMENT;
            }
        } else if (!isWordByte(c)) {
            return abort();
        }
        while (isWordByte(c)) {
            c = next();
        }
        return Token.TIMESTAMP;
    }

    private Token lexExemplarValue() {
        if (c == '"') {
            return quoted(Token.LABEL_VALUE, EXEMPLAR, false);
        }
        if (c != ' ') {
            return abort();
        }
        return spaceAndWord(Token.VALUE, ETIMESTAMP);
    }

    private Token lexExemplarTimestamp() {
        if (c == '\n') {
            next();
            state = INIT;
            return Token.LINEBREAK;
        }
        if (c != ' ') {
            return abort();
        }
        return spaceAndWord(Token.TIMESTAMP, ETIMESTAMP);
    }

    private Token abort() {
        return Token.INVALID;
    }

    private static boolean isWordByte(int c) {
        return c != 0 && c != ' ' && c != '\n';
    }
}
