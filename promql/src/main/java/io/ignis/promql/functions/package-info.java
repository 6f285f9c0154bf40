/**
 * PromQL function implementations, one class per family (rates, over-time, math, time, labels, sorting,
 * classic histograms), looked up by name in {@link io.ignis.promql.functions.FunctionCalls}, and the
 * annotation texts in {@link io.ignis.promql.functions.PromqlAnnotations}. Sees values and the AST; never
 * the engine or storage.
 */
package io.ignis.promql.functions;
