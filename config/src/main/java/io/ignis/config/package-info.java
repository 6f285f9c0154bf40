/**
 * The {@code prometheus.yml} model: immutable records with Prometheus 3.x's defaults, loaded and validated by
 * {@link io.ignis.config.ConfigLoader} (one binder class per section), failing with
 * {@link io.ignis.config.ConfigException} that names file:line:column and the field path. Rule files live in
 * {@code .rules}, the located YAML tree in {@code .yaml}. Imports Jackson and RE2J only; no other Ignis module.
 */
package io.ignis.config;
