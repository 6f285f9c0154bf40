/**
 * JMH benchmarks, one class per hot-path question, in sub-packages mirroring the package they measure
 * ({@code io.ignis.bench.tsdb}, {@code io.ignis.bench.promql}, …). Run with
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc}.
 */
package io.ignis.bench;
