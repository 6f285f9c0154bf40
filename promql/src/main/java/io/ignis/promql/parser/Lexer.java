package io.ignis.promql.parser;

import io.ignis.promql.parser.generated.PromQLParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * The PromQL lexer, with the states of Prometheus's {@code lex.go}: inside braces every word is an identifier,
 * inside brackets only durations, arithmetic and {@code step()/range()/min_of/max_of} are allowed, and
 * {@code fill}, {@code fill_left}, {@code fill_right} are keywords only when followed by {@code (}.
 * Token start/stop indexes are byte offsets into the UTF-8 query (stop inclusive), as Prometheus reports
 * positions. The first lexing error ends the token stream (EOF follows) and is kept in {@link #error()}.
 */
final class Lexer implements TokenSource {
    private static final int EOF = -1;

    private static final Map<String, Integer> KEYWORDS = Map.ofEntries(
            Map.entry("and", PromQLParser.LAND), Map.entry("or", PromQLParser.LOR),
            Map.entry("unless", PromQLParser.LUNLESS), Map.entry("atan2", PromQLParser.ATAN2),
            Map.entry("sum", PromQLParser.SUM), Map.entry("avg", PromQLParser.AVG),
            Map.entry("count", PromQLParser.COUNT), Map.entry("min", PromQLParser.MIN),
            Map.entry("max", PromQLParser.MAX), Map.entry("group", PromQLParser.GROUP),
            Map.entry("stddev", PromQLParser.STDDEV), Map.entry("stdvar", PromQLParser.STDVAR),
            Map.entry("topk", PromQLParser.TOPK), Map.entry("bottomk", PromQLParser.BOTTOMK),
            Map.entry("count_values", PromQLParser.COUNT_VALUES), Map.entry("quantile", PromQLParser.QUANTILE),
            Map.entry("limitk", PromQLParser.LIMITK), Map.entry("limit_ratio", PromQLParser.LIMIT_RATIO),
            Map.entry("offset", PromQLParser.OFFSET), Map.entry("smoothed", PromQLParser.SMOOTHED),
            Map.entry("anchored", PromQLParser.ANCHORED), Map.entry("by", PromQLParser.BY),
            Map.entry("without", PromQLParser.WITHOUT), Map.entry("on", PromQLParser.ON),
            Map.entry("ignoring", PromQLParser.IGNORING), Map.entry("group_left", PromQLParser.GROUP_LEFT),
            Map.entry("group_right", PromQLParser.GROUP_RIGHT), Map.entry("fill", PromQLParser.FILL),
            Map.entry("fill_left", PromQLParser.FILL_LEFT), Map.entry("fill_right", PromQLParser.FILL_RIGHT),
            Map.entry("bool", PromQLParser.BOOL), Map.entry("start", PromQLParser.START),
            Map.entry("end", PromQLParser.END), Map.entry("step", PromQLParser.STEP),
            Map.entry("range", PromQLParser.RANGE), Map.entry("max_of", PromQLParser.MAX_OF),
            Map.entry("min_of", PromQLParser.MIN_OF), Map.entry("inf", PromQLParser.NUMBER),
            Map.entry("nan", PromQLParser.NUMBER));

    private static final Map<String, Integer> DURATION_KEYWORDS = Map.of(
            "step", PromQLParser.STEP, "range", PromQLParser.RANGE,
            "max_of", PromQLParser.MAX_OF, "min_of", PromQLParser.MIN_OF);

    private enum State { STATEMENTS, INSIDE_BRACES, DURATION_EXPR, DONE }

    /** A lexing error: Prometheus's message and the byte offset where the failing item started. */
    record Error(String message, int bytePos) {
    }

    private final String input;
    private final int[] byteOffsets;
    private int pos;
    private int start;
    private int width;
    private State state = State.STATEMENTS;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;
    private boolean gotDuration;
    private int stringOpen;
    private Error error;
    private Token pending;

    Lexer(String input) {
        this.input = input;
        this.byteOffsets = byteOffsets(input);
    }

    private static int[] byteOffsets(String s) {
        int[] offsets = new int[s.length() + 1];
        int b = 0;
        for (int i = 0; i < s.length(); i++) {
            offsets[i] = b;
            char c = s.charAt(i);
            if (c < 0x80) {
                b += 1;
            } else if (c < 0x800) {
                b += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                offsets[++i] = b; // both halves of a pair start at the same byte
                b += 4;
            } else {
                b += 3;
            }
        }
        offsets[s.length()] = b;
        return offsets;
    }

    /** The first lexing error, or null. */
    Error error() {
        return error;
    }

    /** The number of UTF-8 bytes of the input. */
    int byteLength() {
        return byteOffsets[input.length()];
    }

    @Override
    public Token nextToken() {
        while (pending == null) {
            switch (state) {
                case STATEMENTS -> lexStatements();
                case INSIDE_BRACES -> lexInsideBraces();
                case DURATION_EXPR -> lexDurationExpr();
                case DONE -> {
                    start = pos;
                    emit(Token.EOF);
                }
                default -> throw new IllegalStateException("bug: " + state);
            }
        }
        Token t = pending;
        pending = null;
        return t;
    }

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int cp = input.codePointAt(pos);
        width = Character.charCount(cp);
        pos += width;
        return cp;
    }

    private int peek() {
        int cp = next();
        backup();
        return cp;
    }

    private void backup() {
        pos -= width;
    }

    private boolean accept(String valid) {
        int cp = next();
        if (cp != EOF && valid.indexOf(cp) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private boolean is(String valid) {
        int cp = peek();
        return cp != EOF && valid.indexOf(cp) >= 0;
    }

    private void acceptRun(String valid) {
        while (true) {
            int cp = next();
            if (cp == EOF || valid.indexOf(cp) < 0) {
                break;
            }
        }
        backup();
    }

    private void ignore() {
        start = pos;
    }

    private void emit(int type) {
        String text = type == Token.EOF ? "" : input.substring(start, pos);
        CommonToken t = new CommonToken(type, text);
        t.setStartIndex(byteOffsets[start]);
        t.setStopIndex(byteOffsets[pos] - 1);
        pending = t;
        start = pos;
    }

    /** Records the error and ends the stream, as Prometheus's lexer turns its error item into end of input. */
    private void errorf(String message) {
        if (error == null) {
            error = new Error(message, byteOffsets[start]);
        }
        state = State.DONE;
        pending = null;
        start = pos;
        emit(Token.EOF);
    }

    private void lexStatements() {
        if (braceOpen) {
            state = State.INSIDE_BRACES;
            return;
        }
        if (input.startsWith("#", pos)) {
            lexLineComment();
            return;
        }
        int r = next();
        switch (r) {
            case EOF -> {
                if (parenDepth != 0) {
                    errorf("unclosed left parenthesis");
                } else if (bracketOpen) {
                    errorf("unclosed left bracket");
                } else {
                    emit(Token.EOF);
                    state = State.DONE;
                }
            }
            case ',' -> emit(PromQLParser.COMMA);
            case ' ', '\t', '\n', '\r' -> lexSpace();
            case '*' -> emit(PromQLParser.MUL);
            case '/' -> emit(PromQLParser.DIV);
            case '%' -> emit(PromQLParser.MOD);
            case '+' -> emit(PromQLParser.ADD);
            case '-' -> emit(PromQLParser.SUB);
            case '^' -> emit(PromQLParser.POW);
            case '=' -> {
                int t = peek();
                if (t == '=') {
                    next();
                    emit(PromQLParser.EQLC);
                } else if (t == '~') {
                    errorf("unexpected character after '=': " + GoQuote.rune(t));
                } else {
                    emit(PromQLParser.EQL);
                }
            }
            case '!' -> {
                int t = next();
                if (t != '=') {
                    errorf("unexpected character after '!': " + GoQuote.rune(t));
                } else {
                    emit(PromQLParser.NEQ);
                }
            }
            case '<' -> comparisonOrTrim(PromQLParser.LTE, PromQLParser.TRIM_UPPER, PromQLParser.LSS);
            case '>' -> comparisonOrTrim(PromQLParser.GTE, PromQLParser.TRIM_LOWER, PromQLParser.GTR);
            case '"', '\'' -> {
                stringOpen = r;
                lexString();
            }
            case '`' -> {
                stringOpen = r;
                lexRawString();
            }
            case '(' -> {
                emit(PromQLParser.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(PromQLParser.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    errorf("unexpected right parenthesis " + GoQuote.rune(r));
                }
            }
            case '{' -> {
                emit(PromQLParser.LEFT_BRACE);
                braceOpen = true;
                state = State.INSIDE_BRACES;
            }
            case '[' -> {
                if (bracketOpen) {
                    errorf("unexpected left bracket " + GoQuote.rune(r));
                    return;
                }
                gotColon = false;
                emit(PromQLParser.LEFT_BRACKET);
                skipSpaces();
                bracketOpen = true;
                state = State.DURATION_EXPR;
            }
            case ']' -> {
                if (!bracketOpen) {
                    errorf("unexpected right bracket " + GoQuote.rune(r));
                    return;
                }
                emit(PromQLParser.RIGHT_BRACKET);
                bracketOpen = false;
            }
            case '@' -> emit(PromQLParser.AT);
            default -> lexStatementsOther(r);
        }
    }

    private void comparisonOrTrim(int withEquals, int withSlash, int alone) {
        int t = peek();
        if (t == '=') {
            next();
            emit(withEquals);
        } else if (t == '/') {
            next();
            emit(withSlash);
        } else {
            emit(alone);
        }
    }

    private void lexStatementsOther(int r) {
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
            backup();
            lexNumberOrDuration();
        } else if (isAlpha(r) || r == ':') {
            if (!bracketOpen) {
                backup();
                lexKeywordOrIdentifier();
                return;
            }
            if (r == ':') {
                if (gotColon) {
                    errorf("unexpected colon " + GoQuote.rune(r));
                    return;
                }
                emit(PromQLParser.COLON);
                gotColon = true;
                return;
            }
            if (isDurationKeywordStart(r) && scanDurationKeyword()) {
                return;
            }
            errorf("unexpected character: " + GoQuote.rune(r) + ", expected ':'");
        } else {
            errorf("unexpected character: " + GoQuote.rune(r));
        }
    }

    private void lexInsideBraces() {
        if (input.startsWith("#", pos)) {
            lexLineComment();
            return;
        }
        int r = next();
        switch (r) {
            case EOF -> errorf("unexpected end of input inside braces");
            case ' ', '\t', '\n', '\r' -> lexSpace();
            case ',' -> emit(PromQLParser.COMMA);
            case '"', '\'' -> {
                stringOpen = r;
                lexString();
            }
            case '`' -> {
                stringOpen = r;
                lexRawString();
            }
            case '=' -> {
                if (next() == '~') {
                    emit(PromQLParser.EQL_REGEX);
                } else {
                    backup();
                    emit(PromQLParser.EQL);
                }
            }
            case '!' -> {
                int nr = next();
                if (nr == '~') {
                    emit(PromQLParser.NEQ_REGEX);
                } else if (nr == '=') {
                    emit(PromQLParser.NEQ);
                } else {
                    errorf("unexpected character after '!' inside braces: " + GoQuote.rune(nr));
                }
            }
            case '{' -> errorf("unexpected left brace " + GoQuote.rune(r));
            case '}' -> {
                emit(PromQLParser.RIGHT_BRACE);
                braceOpen = false;
                state = State.STATEMENTS;
            }
            default -> {
                if (isAlpha(r)) {
                    backup();
                    lexIdentifier();
                } else {
                    errorf("unexpected character inside braces: " + GoQuote.rune(r));
                }
            }
        }
    }

    private void lexDurationExpr() {
        int r = next();
        switch (r) {
            case EOF -> errorf("unexpected end of input in duration expression");
            case ']' -> {
                emit(PromQLParser.RIGHT_BRACKET);
                bracketOpen = false;
                gotColon = false;
                state = State.STATEMENTS;
            }
            case ':' -> {
                emit(PromQLParser.COLON);
                if (!gotDuration) {
                    errorf("unexpected colon before duration in duration expression");
                } else if (gotColon) {
                    errorf("unexpected repeated colon in duration expression");
                } else {
                    gotColon = true;
                }
            }
            case '(' -> {
                emit(PromQLParser.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(PromQLParser.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    errorf("unexpected right parenthesis " + GoQuote.rune(r));
                }
            }
            case ' ', '\t', '\n', '\r' -> skipSpaces();
            case '+' -> emit(PromQLParser.ADD);
            case '-' -> emit(PromQLParser.SUB);
            case '*' -> emit(PromQLParser.MUL);
            case '/' -> emit(PromQLParser.DIV);
            case '%' -> emit(PromQLParser.MOD);
            case '^' -> emit(PromQLParser.POW);
            case ',' -> emit(PromQLParser.COMMA);
            default -> {
                if (isDurationKeywordStart(r)) {
                    if (!scanDurationKeyword()) {
                        errorf("unexpected character in duration expression: " + GoQuote.rune(r));
                    }
                } else if (isDigit(r) || (r == '.' && isDigit(peek()))) {
                    backup();
                    gotDuration = true;
                    // As in Prometheus, a number or duration returns the lexer to the statement state, which
                    // still knows that a bracket is open.
                    state = State.STATEMENTS;
                    lexNumberOrDuration();
                } else {
                    errorf("unexpected character in duration expression: " + GoQuote.rune(r));
                }
            }
        }
    }

    private static boolean isDurationKeywordStart(int r) {
        int lower = Character.toLowerCase(r);
        return lower == 's' || lower == 'r' || lower == 'm';
    }

    private boolean scanDurationKeyword() {
        while (isAlpha(next())) {
            // absorb
        }
        backup();
        Integer type = DURATION_KEYWORDS.get(input.substring(start, pos).toLowerCase(Locale.ROOT));
        if (type == null) {
            return false;
        }
        emit(type);
        return true;
    }

    private void skipSpaces() {
        while (isSpace(peek())) {
            next();
        }
        ignore();
    }

    private void lexSpace() {
        while (isSpace(peek())) {
            next();
        }
        ignore();
    }

    private void lexLineComment() {
        pos += 1;
        int r = next();
        while (r != '\r' && r != '\n' && r != EOF) {
            r = next();
        }
        backup();
        ignore(); // comments never reach the parser
    }

    private void lexString() {
        while (true) {
            int r = next();
            if (r == '\\') {
                if (!lexEscape()) {
                    return;
                }
            } else if (r == EOF || r == '\n') {
                errorf("unterminated quoted string");
                return;
            } else if (r == stringOpen) {
                break;
            }
        }
        emit(PromQLParser.STRING);
        state = State.STATEMENTS;
    }

    /** Validates an escape after the backslash; false (after recording the error) when it is invalid. */
    private boolean lexEscape() {
        int ch = next();
        int n;
        int base;
        int max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return true;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                n = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                ch = next();
                n = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                ch = next();
                n = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                ch = next();
                n = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case EOF -> {
                errorf("escape sequence not terminated");
                return false;
            }
            default -> {
                if (ch == stringOpen) {
                    return true;
                }
                errorf("unknown escape sequence " + GoQuote.unicode(ch));
                return false;
            }
        }
        long x = 0;
        while (n > 0) {
            int d = digitVal(ch);
            if (d >= base) {
                if (ch == EOF) {
                    errorf("escape sequence not terminated");
                } else {
                    errorf("illegal character " + GoQuote.unicode(ch) + " in escape sequence");
                }
                return false;
            }
            x = x * base + d;
            n--;
            if (n > 0) {
                ch = next();
            }
        }
        if (x > max || (0xD800 <= x && x < 0xE000)) {
            errorf("escape sequence is an invalid Unicode code point");
            return false;
        }
        return true;
    }

    private static int digitVal(int ch) {
        if ('0' <= ch && ch <= '9') {
            return ch - '0';
        }
        if ('a' <= ch && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if ('A' <= ch && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return 16;
    }

    private void lexRawString() {
        while (true) {
            int r = next();
            if (r == EOF) {
                errorf("unterminated raw string");
                return;
            }
            if (r == stringOpen) {
                break;
            }
        }
        emit(PromQLParser.STRING);
        state = State.STATEMENTS;
    }

    private void lexNumberOrDuration() {
        if (scanNumber()) {
            emit(PromQLParser.NUMBER);
            return;
        }
        if (acceptRemainingDuration()) {
            backup();
            emit(PromQLParser.DURATION);
            return;
        }
        errorf("bad number or duration syntax: " + GoQuote.string(input.substring(start, pos)));
    }

    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s"); // ms; bad units like hs are caught when the duration is parsed
        while (accept("0123456789")) {
            while (accept("0123456789")) {
                // absorb
            }
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(next());
    }

    /** Scans a decimal, hex or octal number, possibly with a fraction, exponent and underscores. */
    private boolean scanNumber() {
        int initial = pos;
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            accept("_");
            digits = "0123456789abcdefABCDEF";
        }
        accept(".");
        accept(digits);
        boolean dotConsumed = false;
        boolean exponentConsumed = false;
        while (is(digits + "._eE")) {
            if (is(".") && dotConsumed) {
                accept(".");
                return false;
            }
            if (is("eE") && exponentConsumed) {
                accept("eE");
                return false;
            }
            if (accept(".")) {
                dotConsumed = true;
                if (accept("_.")) {
                    return false;
                }
                if (digits.length() > 10) {
                    return false; // no fractional hexadecimal literals
                }
                continue;
            }
            if (accept("eE")) {
                exponentConsumed = true;
                accept("+-");
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            if (accept("_")) {
                if (accept("._eE") || peek() == EOF) {
                    return false;
                }
                continue;
            }
            acceptRun(digits);
        }
        if (pos == initial) {
            return false;
        }
        return !isAlphaNumeric(peek());
    }

    private void lexIdentifier() {
        while (isAlphaNumeric(next())) {
            // absorb
        }
        backup();
        emit(PromQLParser.IDENTIFIER);
        state = State.INSIDE_BRACES;
    }

    private void lexKeywordOrIdentifier() {
        while (true) {
            int r = next();
            if (!(isAlphaNumeric(r) || r == ':')) {
                break;
            }
        }
        backup();
        String word = input.substring(start, pos);
        Integer kw = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (kw != null) {
            boolean fill = kw == PromQLParser.FILL || kw == PromQLParser.FILL_LEFT || kw == PromQLParser.FILL_RIGHT;
            if (fill && !followedByLeftParen()) {
                kw = PromQLParser.IDENTIFIER;
            } else if (kw == PromQLParser.GROUP_LEFT && !followedByLeftParen()) {
                kw = PromQLParser.GROUP_LEFT_BARE;
            } else if (kw == PromQLParser.GROUP_RIGHT && !followedByLeftParen()) {
                kw = PromQLParser.GROUP_RIGHT_BARE;
            }
            emit(kw);
        } else if (word.indexOf(':') < 0) {
            emit(PromQLParser.IDENTIFIER);
        } else {
            emit(PromQLParser.METRIC_IDENTIFIER);
        }
    }

    private boolean followedByLeftParen() {
        for (int i = pos; i < input.length(); i++) {
            char c = input.charAt(i);
            if (!isSpace(c)) {
                return c == '(';
            }
        }
        return false;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    private static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }

    private static boolean isDigit(int r) {
        return '0' <= r && r <= '9';
    }

    private static boolean isAlpha(int r) {
        return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z');
    }

    @Override
    public int getLine() {
        return 1;
    }

    @Override
    public int getCharPositionInLine() {
        return pos;
    }

    @Override
    public CharStream getInputStream() {
        return null;
    }

    @Override
    public String getSourceName() {
        return "promql";
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        // Tokens are always CommonTokens.
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return CommonTokenFactory.DEFAULT;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
