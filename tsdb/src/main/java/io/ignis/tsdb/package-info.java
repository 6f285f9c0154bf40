/**
 * The TSDB: {@link io.ignis.tsdb.Db} over a data directory (blocks, head, compaction, retention, deletion,
 * snapshots, self-metrics), the in-memory {@link io.ignis.tsdb.Head} (series, in-order and out-of-order chunks,
 * WAL and WBL replay, checkpoints) and the blocks beside it. Exposed to the rest of Ignis only through {@code
 * io.ignis.storage} and {@code Db}; sub-packages hold the file formats.
 */
package io.ignis.tsdb;
