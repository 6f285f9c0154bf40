package io.ignis.promql.ast;

/** The unary operators {@code +} and {@code -}, named as Prometheus's lexer items. */
public enum UnaryOp {
    ADD("+"),
    SUB("-");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
