package io.ignis.server.rules.template;

/** One lexical item: its kind, its text as written, and where it starts (byte offset and line). */
record Token(Kind kind, String text, int pos, int line) {
    enum Kind {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, FIELD, VARIABLE, STRING, RAW_STRING, CHAR, NUMBER, BOOL,
        NIL, DOT, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, COMMENT, EOF,
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH
    }

    boolean is(Kind k) {
        return kind == k;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EOF -> "EOF";
            case RIGHT_DELIM -> "}}";
            case LEFT_DELIM -> "{{";
            default -> '"' + text + '"';
        };
    }
}
