/**
 * The HTTP API under {@code /api/v1}, entered through {@link io.ignis.server.api.ApiRoutes#register} with an
 * {@link io.ignis.server.api.ApiDependencies}: queries, series metadata, targets, rules, status and admin, written as
 * Prometheus's JSON with a streaming generator straight into chunks of the response; errors mapped to
 * {@code errorType} in one place ({@link io.ignis.server.api.ApiErrors}). Imports server.http and server.federate,
 * never the composition root.
 */
package io.ignis.server.api;
