package io.ignis.server.rules.template;

import io.ignis.server.rules.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into tokens, as Go's {@code text/template/parse} lexer: text outside {@code {{ }}}, and
 * inside an action the operands, keywords and punctuation. Trim markers ({@code {{- } and { -}}}) remove the
 * white space beside them here, so the parser never sees it.
 */
final class Lexer {
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(Map.entry("block", Kind.BLOCK),
            Map.entry("break", Kind.BREAK), Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE),
            Map.entry("else", Kind.ELSE), Map.entry("end", Kind.END), Map.entry("if", Kind.IF),
            Map.entry("range", Kind.RANGE), Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE),
            Map.entry("with", Kind.WITH), Map.entry("true", Kind.BOOL), Map.entry("false", Kind.BOOL));

    private final String name;
    private final String in;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int parenDepth;

    private Lexer(String name, String in) {
        this.name = name;
        this.in = in;
    }

    static List<Token> lex(String name, String text) {
        Lexer l = new Lexer(name, text);
        l.run();
        return l.out;
    }

    private void run() {
        boolean trimNext = false;
        while (pos < in.length()) {
            int open = in.indexOf("{{", pos);
            int end = open < 0 ? in.length() : open;
            int start = pos;
            if (trimNext) {
                while (start < end && isSpace(in.charAt(start))) {
                    start++;
                }
            }
            boolean trimLeft = open >= 0 && open + 3 < in.length() && in.startsWith("{{-", open)
                    && isSpace(in.charAt(open + 3));
            int textEnd = end;
            if (trimLeft) {
                while (textEnd > start && isSpace(in.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            if (textEnd > start) {
                emit(Kind.TEXT, start, textEnd);
            }
            line += count(pos, end);
            if (open < 0) {
                pos = in.length();
                break;
            }
            pos = open + 2 + (trimLeft ? 2 : 0);
            trimNext = action(open);
        }
        out.add(new Token(Kind.EOF, "", pos, line));
    }

    /** Lexes one action starting at {@code open}; returns whether it ended with a right trim marker. */
    private boolean action(int open) {
        int afterDelim = pos;
        skipSpaces();
        if (in.startsWith("/*", pos)) {
            return comment(open, afterDelim);
        }
        pos = afterDelim;
        out.add(new Token(Kind.LEFT_DELIM, "{{", open, line));
        parenDepth = 0;
        while (true) {
            if (pos >= in.length()) {
                throw error("unclosed action");
            }
            if (atRightTrim()) {
                emitRight(pos + 1);
                pos += 4;
                return true;
            }
            if (in.startsWith("}}", pos)) {
                emitRight(pos);
                pos += 2;
                return false;
            }
            operand();
        }
    }

    private void emitRight(int at) {
        if (parenDepth > 0) {
            throw error("unclosed left paren");
        }
        out.add(new Token(Kind.RIGHT_DELIM, "}}", at, line));
    }

    private boolean atRightTrim() {
        return pos + 4 <= in.length() && isSpace(in.charAt(pos)) && in.startsWith("-}}", pos + 1);
    }

    private boolean comment(int open, int afterDelim) {
        int close = in.indexOf("*/", pos + 2);
        if (close < 0) {
            throw error("unclosed comment");
        }
        line += count(pos, close);
        pos = close + 2;
        if (in.startsWith("}}", pos)) {
            pos += 2;
            return false;
        }
        if (pos + 4 <= in.length() && isSpace(charAt(pos)) && in.startsWith("-}}", pos + 1)) {
            pos += 4;
            return true;
        }
        throw error("comment ends before closing delimiter");
    }

    private void operand() {
        char c = in.charAt(pos);
        int start = pos;
        if (isSpace(c)) {
            while (pos < in.length() && isSpace(in.charAt(pos)) && !atRightTrim()) {
                if (in.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
            if (pos == start) {
                pos++;
            }
            emit(Kind.SPACE, start, pos);
        } else if (c == '"') {
            quoted('"', Kind.STRING);
        } else if (c == '`') {
            int close = in.indexOf('`', pos + 1);
            if (close < 0) {
                throw error("unterminated raw quoted string");
            }
            pos = close + 1;
            emit(Kind.RAW_STRING, start, pos);
            line += count(start, pos);
        } else if (c == '\'') {
            quoted('\'', Kind.CHAR);
        } else if (c == '$') {
            pos++;
            word();
            emit(Kind.VARIABLE, start, pos);
        } else if (c == '.') {
            if (pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1))) {
                number();
            } else {
                pos++;
                if (pos < in.length() && isAlnum(in.charAt(pos))) {
                    word();
                    emit(Kind.FIELD, start, pos);
                } else {
                    emit(Kind.DOT, start, pos);
                }
            }
        } else if (c == '+' || c == '-' || Character.isDigit(c)) {
            number();
        } else if (isAlnum(c)) {
            word();
            String w = in.substring(start, pos);
            Kind k = KEYWORDS.getOrDefault(w, Kind.IDENTIFIER);
            emit(k, start, pos);
        } else {
            pos++;
            switch (c) {
                case '|' -> emit(Kind.PIPE, start, pos);
                case ',' -> emit(Kind.COMMA, start, pos);
                case '=' -> emit(Kind.ASSIGN, start, pos);
                case ':' -> {
                    if (pos >= in.length() || in.charAt(pos) != '=') {
                        throw error("expected :=");
                    }
                    pos++;
                    emit(Kind.DECLARE, start, pos);
                }
                case '(' -> {
                    parenDepth++;
                    emit(Kind.LEFT_PAREN, start, pos);
                }
                case ')' -> {
                    parenDepth--;
                    if (parenDepth < 0) {
                        throw error("unexpected right paren");
                    }
                    emit(Kind.RIGHT_PAREN, start, pos);
                }
                default -> throw error("unrecognized character in action: " + GoFormat.quoteRune(c));
            }
        }
    }

    private void quoted(char quote, Kind kind) {
        int start = pos++;
        while (true) {
            if (pos >= in.length() || in.charAt(pos) == '\n') {
                throw error(quote == '"' ? "unterminated quoted string" : "unterminated character constant");
            }
            char c = in.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                break;
            }
        }
        emit(kind, start, pos);
    }

    private void number() {
        int start = pos;
        if (in.charAt(pos) == '+' || in.charAt(pos) == '-') {
            pos++;
        }
        while (pos < in.length()) {
            char c = in.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > start
                    && "eEpP".indexOf(in.charAt(pos - 1)) >= 0 && !isHex(start);
            if (isAlnum(c) || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start + 1 && (in.charAt(start) == '+' || in.charAt(start) == '-')) {
            throw error("bad number syntax: " + GoFormat.quote(in.substring(start, pos)));
        }
        emit(Kind.NUMBER, start, pos);
    }

    private boolean isHex(int start) {
        int s = start;
        if (in.charAt(s) == '+' || in.charAt(s) == '-') {
            s++;
        }
        return in.startsWith("0x", s) || in.startsWith("0X", s);
    }

    private void word() {
        while (pos < in.length() && isAlnum(in.charAt(pos))) {
            pos++;
        }
    }

    private void skipSpaces() {
        while (pos < in.length() && isSpace(in.charAt(pos))) {
            pos++;
        }
    }

    private char charAt(int i) {
        return i < in.length() ? in.charAt(i) : 0;
    }

    private void emit(Kind k, int start, int end) {
        out.add(new Token(k, in.substring(start, end), start, line));
    }

    private int count(int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < in.length(); i++) {
            if (in.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private TemplateException error(String msg) {
        return new TemplateException("template: " + name + ":" + line + ": " + msg);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
