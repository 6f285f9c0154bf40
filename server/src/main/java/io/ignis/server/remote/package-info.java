/**
 * Remote storage: remote write (WAL watcher, sharded queue, 1.0/2.0 sender), the remote-write receiver, and remote
 * read as client ({@link io.ignis.server.remote.RemoteReadQueryable}) and server. Entry points for the composition
 * root: {@link io.ignis.server.remote.RemoteStorage}, {@link io.ignis.server.remote.RemoteWriteReceiver},
 * {@link io.ignis.server.remote.RemoteReadHandler}. Sees config, storage, the WAL reader and http types only.
 */
package io.ignis.server.remote;
