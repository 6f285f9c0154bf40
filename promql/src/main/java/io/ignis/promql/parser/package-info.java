/**
 * The PromQL parser: {@link io.ignis.promql.parser.PromqlParser} turns a query into an {@code io.ignis.promql.ast}
 * tree or throws {@link io.ignis.promql.parser.ParseException} with Prometheus's position and wording.
 * A hand-written {@link io.ignis.promql.parser.Lexer} (as context-sensitive as Prometheus's) feeds the ANTLR
 * grammar; ANTLR types never leave this package.
 */
package io.ignis.promql.parser;
