/**
 * Deletion markers: {@link io.ignis.tsdb.tombstones.Intervals} per series, the in-memory
 * {@link io.ignis.tsdb.tombstones.Tombstones} and the block's {@code tombstones} file
 * ({@link io.ignis.tsdb.tombstones.TombstonesFile}). Imports {@code java.*}, {@code io.ignis.storage} and
 * {@code io.ignis.tsdb.encoding}, {@code io.ignis.tsdb.files}.
 */
package io.ignis.tsdb.tombstones;
