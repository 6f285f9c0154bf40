package io.ignis.promql.ast;

/**
 * Binary operators, named as Prometheus's lexer items. Precedence as in Prometheus, lowest first:
 * {@code or} &lt; {@code and unless} &lt; comparisons and trims &lt; {@code + -} &lt; {@code * / % atan2} &lt;
 * {@code ^} (right-associative). Unary minus sits between {@code * / % atan2} and {@code ^}.
 */
public enum BinaryOp {
    LOR("or", 1),
    LAND("and", 2),
    LUNLESS("unless", 2),
    EQLC("==", 3),
    NEQ("!=", 3),
    GTR(">", 3),
    LSS("<", 3),
    GTE(">=", 3),
    LTE("<=", 3),
    /** {@code </}: trims the upper half of histogram buckets. */
    TRIM_UPPER("</", 3),
    /** {@code >/}: trims the lower half of histogram buckets. */
    TRIM_LOWER(">/", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    ATAN2("atan2", 5),
    POW("^", 6);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The operator as written in PromQL. */
    public String symbol() {
        return symbol;
    }

    /** Higher binds tighter; 1 ({@code or}) to 6 ({@code ^}). */
    public int precedence() {
        return precedence;
    }

    public boolean isRightAssociative() {
        return this == POW;
    }

    /** {@code == != > < >= <=}: filter, or with {@code bool} return 0/1. */
    public boolean isComparison() {
        return switch (this) {
            case EQLC, NEQ, GTR, LSS, GTE, LTE -> true;
            default -> false;
        };
    }

    /** {@code and or unless}: always many-to-many. */
    public boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
