/**
 * Service discovery: {@link io.ignis.discovery.DiscoveryManager} runs one {@link io.ignis.discovery.Discoverer}
 * per distinct SD config and hands subscribers full {@link io.ignis.discovery.TargetGroup} sets per job. One
 * sub-package per mechanism, chosen by an explicit switch in {@link io.ignis.discovery.Mechanisms}. Imports
 * {@code io.ignis.config} only; never tsdb, scrape or Micrometer (self-metrics go through
 * {@link io.ignis.discovery.DiscoveryMetrics}).
 */
package io.ignis.discovery;
