/**
 * JMH benchmarks of the PromQL engine (parse, instant and range evaluation of a dashboard set) and the
 * end-to-end timer that runs the same queries over on-disk blocks for the comparison with Prometheus.
 */
package io.ignis.bench.promql;
