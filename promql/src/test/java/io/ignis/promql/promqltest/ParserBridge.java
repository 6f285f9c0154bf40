package io.ignis.promql.promqltest;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.engine.QueryParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Finds the PromQL parser ({@code io.ignis.promql.parser.PromqlParser}) with all experimental syntax enabled,
 * as the scripts require. Looked up reflectively so this runner builds on branches where the parser has not
 * been merged yet; returns null when it is absent.
 */
final class ParserBridge {
    private ParserBridge() {
    }

    static QueryParser find() {
        try {
            Class<?> parser = Class.forName("io.ignis.promql.parser.PromqlParser");
            Class<?> optionsClass = Class.forName("io.ignis.promql.parser.ParserOptions");
            Object options = optionsClass.getMethod("all").invoke(null);
            Method parse = parser.getMethod("parse", String.class, optionsClass);
            return query -> {
                try {
                    return (Expr) parse.invoke(null, query, options);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
