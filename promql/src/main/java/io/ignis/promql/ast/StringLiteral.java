package io.ignis.promql.ast;

import java.util.List;

/**
 * A string, already unquoted. Bytes that are not UTF-8 (written as {@code \xNN} or octal escapes) are kept as
 * the lone surrogates U+DC80 to U+DCFF, one per byte, so a label name or value made of them can be rejected as
 * invalid UTF-8 and prints back as written.
 */
public record StringLiteral(String value, PositionRange positionRange) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
