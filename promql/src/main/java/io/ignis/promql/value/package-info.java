/**
 * PromQL result values: {@link io.ignis.promql.value.Vector} (parallel primitive arrays),
 * {@link io.ignis.promql.value.Matrix}, {@link io.ignis.promql.value.Scalar} and
 * {@link io.ignis.promql.value.StringValue}, plus the reusable point buffers they are built from.
 * Imports only {@code java.*}, {@code io.ignis.labels} and {@code io.ignis.model}.
 */
package io.ignis.promql.value;
