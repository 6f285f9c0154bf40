package io.ignis.promql.value;

/** A PromQL evaluation result: one of the four value types of the language. */
public sealed interface Value permits Vector, Matrix, Scalar, StringValue {
}
