package io.ignis.server.rules.template;

import java.util.List;

/**
 * A template function: its arity ({@code maxArgs} −1 for variadic) and body. The body throws
 * {@link FuncException} for what Go's function returns as an error.
 */
record Func(int minArgs, int maxArgs, Body body) {
    @FunctionalInterface
    interface Body {
        Object call(List<Object> args);
    }

    static Func of(int args, Body body) {
        return new Func(args, args, body);
    }

    static Func variadic(int minArgs, Body body) {
        return new Func(minArgs, -1, body);
    }
}
