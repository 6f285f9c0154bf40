package io.ignis.promql.ast;

/** Operators of duration expressions (in ranges, steps and offsets). */
public enum DurationOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),
    /** {@code step()}: the query's step (0 for instant queries); no operands. */
    STEP("step"),
    /** {@code range()}: the query's end minus start; no operands. */
    RANGE("range"),
    MIN_OF("min_of"),
    MAX_OF("max_of");

    private final String symbol;

    DurationOp(String symbol) {
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
