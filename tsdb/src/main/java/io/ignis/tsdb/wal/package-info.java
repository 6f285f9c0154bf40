/**
 * The write-ahead log in Prometheus's byte format: numbered segments of 32 KiB pages holding records split
 * into CRC32C-checked fragments. Entry points: {@link io.ignis.tsdb.wal.WalWriter}, {@link
 * io.ignis.tsdb.wal.WalReader}, {@link io.ignis.tsdb.wal.WalRepair} and {@link io.ignis.tsdb.wal.Checkpoint}.
 * Knows nothing of record contents; imports only {@code java.*}, snappy and {@code io.ignis.tsdb.record}.
 */
package io.ignis.tsdb.wal;
