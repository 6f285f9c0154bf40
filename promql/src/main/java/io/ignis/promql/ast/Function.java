package io.ignis.promql.ast;

import java.util.List;

/**
 * A PromQL function's signature.
 *
 * @param argTypes     the argument types; with {@code variadic != 0} the last one repeats
 * @param variadic     0: exactly {@code argTypes.size()} arguments; n &gt; 0: the last argument type is optional
 *                     and may appear up to n times; -1: unbounded repetition of the last type
 * @param experimental whether it needs {@code --enable-feature=promql-experimental-functions}
 */
public record Function(String name, List<ValueType> argTypes, int variadic, ValueType returnType,
                       boolean experimental) {
    public Function {
        argTypes = List.copyOf(argTypes);
    }
}
