package io.ignis.promql.engine;

import io.ignis.promql.ast.Expr;

/**
 * Turns query text into an AST. The engine does not know the parser's options; the composition root passes
 * the parser configured with the engine's feature switches. Throws the parser's exception on bad input.
 */
@FunctionalInterface
public interface QueryParser {
    Expr parse(String query);
}
