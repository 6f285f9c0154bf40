/**
 * WAL record contents in Prometheus's encoding ({@code tsdb/record/record.go}): one encode/decode method
 * pair per record type in {@link io.ignis.tsdb.record.RecordEncoder} and {@link
 * io.ignis.tsdb.record.RecordDecoder}, decoding into caller-owned primitive batches. Imports {@code
 * io.ignis.tsdb.encoding}, {@code labels} and {@code model}; knows nothing of segments or the head.
 */
package io.ignis.tsdb.record;
