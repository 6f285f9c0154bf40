/**
 * Exposition parsers: one pull-style {@link io.ignis.scrape.textparse.Parser} over the response bytes, with
 * implementations for the Prometheus text format, OpenMetrics and the protobuf stream, an NHCB-converting
 * wrapper, and {@link io.ignis.scrape.textparse.Parsers} to pick one from the Content-Type. Errors are always
 * {@link io.ignis.scrape.textparse.ExpositionException}. Imports only labels, model and protobuf-java.
 */
package io.ignis.scrape.textparse;
