/**
 * Scraping as Prometheus's {@code scrape} package: {@link io.ignis.scrape.ScrapeManager} owns one
 * {@link io.ignis.scrape.ScrapePool} per job, each running a {@link io.ignis.scrape.ScrapeLoop} per target on a
 * shared scheduler. Writes only through {@code io.ignis.storage.Appender}; never imports {@code io.ignis.tsdb}.
 */
package io.ignis.scrape;
