/**
 * The PromQL engine: {@link io.ignis.promql.engine.Engine} creates instant and range queries over a
 * {@link io.ignis.storage.Queryable}; the {@code Evaluator} dispatches on the AST and delegates to binary
 * operators, aggregations and the function families. Sees {@code storage}, never {@code tsdb} or ANTLR.
 */
package io.ignis.promql.engine;
