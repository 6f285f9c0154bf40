/**
 * Block chunk segment files {@code chunks/000001…}: {@link io.ignis.tsdb.chunks.ChunkWriter} and the
 * memory-mapped {@link io.ignis.tsdb.chunks.ChunkReader}, byte-compatible with Prometheus's {@code tsdb/chunks}.
 * The head's {@code chunks_head/} files ({@link io.ignis.tsdb.chunks.HeadChunkFile}) are written and mapped by
 * {@link io.ignis.tsdb.chunks.ChunkDiskMapper}.
 * Imports {@code java.*}, {@code io.ignis.storage} and the lower {@code io.ignis.tsdb} codec packages.
 */
package io.ignis.tsdb.chunks;
