/**
 * Runner for Prometheus's PromQL test scripts ({@code *.test}): the script parser, an in-memory storage
 * that behaves like the TSDB the scripts were written against, and the judging rules of the upstream
 * runner. Entry point: {@link io.ignis.promql.promqltest.PromqlConformanceTest}.
 */
package io.ignis.promql.promqltest;
