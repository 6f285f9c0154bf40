/**
 * Byte-level codecs shared by every TSDB file format: {@link io.ignis.tsdb.encoding.EncodeBuffer},
 * {@link io.ignis.tsdb.encoding.DecodeBuffer} (big-endian integers, Go-compatible varints) and
 * {@link io.ignis.tsdb.encoding.Crc32c}. Imports only {@code java.*} and {@code io.ignis.storage}.
 */
package io.ignis.tsdb.encoding;
