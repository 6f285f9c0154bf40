/**
 * The HTTP API under {@code /api/v1}: Prometheus's JSON envelope ({@link io.ignis.server.api.ApiResponses}), the one
 * place that maps exceptions to {@code errorType} and status ({@link io.ignis.server.api.ApiErrors}), and the
 * status endpoints ({@link io.ignis.server.api.StatusApi}). Imports server.http, never the composition root.
 */
package io.ignis.server.api;
