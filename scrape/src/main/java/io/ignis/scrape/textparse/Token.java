package io.ignis.scrape.textparse;

/** Tokens of the two text lexers; {@link #text} is the name Prometheus prints in its parse errors. */
enum Token {
    INVALID("INVALID"),
    EOF("EOF"),
    LINEBREAK("LINEBREAK"),
    WHITESPACE("WHITESPACE"),
    HELP("HELP"),
    TYPE("TYPE"),
    UNIT("UNIT"),
    EOF_WORD("EOFWORD"),
    TEXT("TEXT"),
    COMMENT("COMMENT"),
    METRIC_NAME("MNAME"),
    QUOTED_STRING("QSTRING"),
    BRACE_OPEN("BOPEN"),
    BRACE_CLOSE("BCLOSE"),
    LABEL_NAME("LNAME"),
    LABEL_VALUE("LVALUE"),
    COMMA("COMMA"),
    EQUAL("EQUAL"),
    TIMESTAMP("TIMESTAMP"),
    VALUE("VALUE");

    final String text;

    Token(String text) {
        this.text = text;
    }
}
