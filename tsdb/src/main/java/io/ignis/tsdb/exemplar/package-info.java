/**
 * In-memory exemplar storage: {@link io.ignis.tsdb.exemplar.CircularExemplarStorage}, one ring of exemplars
 * shared by every series with a per-series index, as Prometheus's {@code tsdb/exemplar.go}. The head feeds it;
 * the API reads it through {@link io.ignis.storage.ExemplarQuerier}. Imports only {@code java.*} and the
 * {@code labels}, {@code model} and {@code storage} packages.
 */
package io.ignis.tsdb.exemplar;
