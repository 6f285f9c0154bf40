package io.ignis.promql.functions;

/** One PromQL function: reads the context of a step and appends its results to {@link FunctionContext#out}. */
@FunctionalInterface
public interface FunctionCall {
    void call(FunctionContext ctx);
}
