/**
 * Chunk encodings, byte-compatible with Prometheus's {@code tsdb/chunkenc}: {@link io.ignis.tsdb.chunkenc.Chunk},
 * {@link io.ignis.tsdb.chunkenc.XorChunk}, the native-histogram chunks
 * {@link io.ignis.tsdb.chunkenc.HistogramChunk} / {@link io.ignis.tsdb.chunkenc.FloatHistogramChunk}, and the
 * MSB-first {@link io.ignis.tsdb.chunkenc.BitWriter} / {@link io.ignis.tsdb.chunkenc.BitReader}. Entry point for
 * stored bytes: {@link io.ignis.tsdb.chunkenc.Chunks}.
 * Imports only {@code java.*}, {@code io.ignis.model}, {@code io.ignis.storage} and {@code io.ignis.tsdb.encoding}.
 */
package io.ignis.tsdb.chunkenc;
