/**
 * The single logging backend: Logback configured in code from {@code --log.level} and {@code --log.format},
 * rendering lines as Prometheus 3 does (logfmt or JSON, {@code time level source msg} then key-value pairs).
 * Entry point {@link io.ignis.server.logging.LogSetup}. Imports Logback and SLF4J only.
 */
package io.ignis.server.logging;
