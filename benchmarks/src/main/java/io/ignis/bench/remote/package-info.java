/**
 * End-to-end remote-write benchmark support for {@code benchmarks/scripts/remote-write-vs-prometheus.sh}: {@link
 * io.ignis.bench.remote.CountingSink} receives remote write 1.0 on loopback and counts every sample once per
 * series and timestamp. Imports nothing of Ignis.
 */
package io.ignis.bench.remote;
