/**
 * {@code static_configs}: {@link io.ignis.discovery.staticconfig.StaticDiscoverer} sends the job's fixed groups
 * once. Imports {@code io.ignis.discovery} and {@code io.ignis.config} only.
 */
package io.ignis.discovery.staticconfig;
