/**
 * JMH benchmarks of the TSDB: chunk encoding, postings, head appends, WAL replay, memory and bytes per sample.
 * One class per question; each states its question and input shape.
 */
package io.ignis.bench.tsdb;
