/**
 * The {@code prometheus.yml} and rule-file model: records with Prometheus's defaults, loaded and validated
 * by {@link io.ignis.config.ConfigLoader}, failing with {@link io.ignis.config.ConfigException} that names
 * file:line:column. Imports Jackson and RE2J only; no other Ignis module.
 */
package io.ignis.config;
