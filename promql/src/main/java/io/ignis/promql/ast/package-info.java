/**
 * The PromQL syntax tree: sealed, immutable {@link io.ignis.promql.ast.Expr} records, {@link
 * io.ignis.promql.ast.ValueType}, the operator enums, the function table ({@link io.ignis.promql.ast.Functions})
 * and the printers ({@link io.ignis.promql.ast.Printer}, {@link io.ignis.promql.ast.Prettier}).
 * Built by {@code io.ignis.promql.parser}; imports only {@code java.*} and {@code io.ignis.labels}, never ANTLR.
 */
package io.ignis.promql.ast;
