/**
 * The TSDB: the in-memory {@link io.ignis.tsdb.Head} (series, chunks, WAL replay, checkpoints) and, beside
 * it, blocks and compaction. Exposed to the rest of Ignis only through {@code io.ignis.storage}; sub-packages
 * hold the file formats.
 */
package io.ignis.tsdb;
