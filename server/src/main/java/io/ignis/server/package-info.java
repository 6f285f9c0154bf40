/**
 * The composition root: {@link io.ignis.server.Main} parses {@link io.ignis.server.Flags}, builds every component
 * with plain constructors in {@link io.ignis.server.Server}, and runs the lifecycle (readiness, reload through
 * {@link io.ignis.server.Reloader}, signals, ordered shutdown). Only this package constructs storage.
 */
package io.ignis.server;
