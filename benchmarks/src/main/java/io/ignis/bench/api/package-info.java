/**
 * End-to-end load on the HTTP query API, run by {@code benchmarks/scripts/api-load-vs-prometheus.sh}: a synthetic
 * scrape target both servers ingest from ({@link io.ignis.bench.api.SyntheticTarget}) and a closed-loop driver of
 * concurrent Grafana-like clients ({@link io.ignis.bench.api.ApiLoadDriver}). Not JMH; imports only {@code java.*}.
 */
package io.ignis.bench.api;
