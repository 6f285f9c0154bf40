/**
 * End-to-end scrape benchmark support: {@link io.ignis.bench.scrape.TargetServer} serves node-exporter-like text
 * on many loopback ports for {@code benchmarks/scripts/scrape-vs-prometheus.sh}; {@link
 * io.ignis.bench.scrape.NodeExporterText} renders that text. Imports nothing of Ignis.
 */
package io.ignis.bench.scrape;
