/**
 * The scrape HTTP client on Netty: {@link io.ignis.scrape.client.ClientEventLoop} is the one event loop group all
 * targets share, {@link io.ignis.scrape.client.ScrapeClient} one job's client with its TLS and auth settings,
 * {@link io.ignis.scrape.client.Connection} one target's kept connection (HTTP/1.1, or HTTP/2 by ALPN).
 * Checked IOExceptions stop here; callers get a failed {@link io.ignis.scrape.client.ScrapeResponse}.
 */
package io.ignis.scrape.client;
