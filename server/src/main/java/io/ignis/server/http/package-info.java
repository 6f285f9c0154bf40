/**
 * The HTTP edge: a Netty server ({@link io.ignis.server.http.HttpServer}), a small {@link io.ignis.server.http.Router}
 * that honours {@code --web.route-prefix}, plain {@link io.ignis.server.http.Request}/
 * {@link io.ignis.server.http.Response} values (large bodies streamed in chunks by a {@code BodyWriter}, a
 * {@code Cancellation} per request that fires when the client hangs up), gzip when the client asks, and
 * {@code --web.config.file} ({@link io.ignis.server.http.WebConfigFile}: TLS, basic auth, headers). Knows nothing
 * of the API or lifecycle.
 */
package io.ignis.server.http;
