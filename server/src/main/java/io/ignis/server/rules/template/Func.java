package io.ignis.server.rules.template;

import java.util.List;

/**
 * A template function: its arity ({@code maxArgs} −1 for variadic), how many leading parameters are strings,
 * and body. The body throws
 * {@link FuncException} for what Go's function returns as an error.
 */
record Func(int minArgs, int maxArgs, int stringParams, Body body) {
    @FunctionalInterface
    interface Body {
        Object call(List<Object> args);
    }

    static Func of(int args, Body body) {
        return new Func(args, args, 0, body);
    }

    static Func variadic(int minArgs, Body body) {
        return new Func(minArgs, -1, 0, body);
    }

    /**
     * This function with its first {@code n} parameters typed {@code string} in Go, which the executor checks
     * before the call with Go's messages and positions.
     */
    Func strings(int n) {
        return new Func(minArgs, maxArgs, n, body);
    }
}
