package io.ignis.promql.ast;

import java.util.List;

/** A function call. The arguments were type-checked against {@link Function#argTypes()} by the parser. */
public record Call(Function function, List<Expr> args, PositionRange positionRange) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public List<Expr> children() {
        return args;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
