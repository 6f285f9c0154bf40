/**
 * Relabeling as Prometheus's {@code model/relabel}: {@link io.ignis.scrape.relabel.Relabeler} compiles a list of
 * {@code relabel_configs} once and applies it to label sets. Imports only {@code io.ignis.config} and
 * {@code io.ignis.labels}.
 */
package io.ignis.scrape.relabel;
