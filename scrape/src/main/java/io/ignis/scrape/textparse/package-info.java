/**
 * Exposition parsers: one pull-style {@link io.ignis.scrape.textparse.Parser} over the response bytes, with
 * implementations for the Prometheus text format, OpenMetrics and the protobuf stream; {@link
 * io.ignis.scrape.textparse.Parsers} picks one from the Content-Type. Imports only labels and model.
 */
package io.ignis.scrape.textparse;
