/**
 * File-system primitives for the TSDB: {@link io.ignis.tsdb.files.MappedFile} (the only class that maps and
 * unmaps memory), {@link io.ignis.tsdb.files.DirLock}, and {@link io.ignis.tsdb.files.DurableFiles} (fsync,
 * atomic rename, recursive delete). Imports only {@code java.*} and {@code io.ignis.storage}.
 */
package io.ignis.tsdb.files;
