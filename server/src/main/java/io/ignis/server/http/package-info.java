/**
 * The HTTP edge: a Netty server ({@link io.ignis.server.http.HttpServer}), a small {@link io.ignis.server.http.Router}
 * that honours {@code --web.route-prefix}, and plain {@link io.ignis.server.http.Request}/
 * {@link io.ignis.server.http.Response} values; gzip when the client asks. Knows nothing of the API or lifecycle.
 */
package io.ignis.server.http;
