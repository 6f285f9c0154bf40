/**
 * {@code kubernetes_sd_configs}: {@link io.ignis.discovery.kubernetes.KubernetesDiscoverer} lists and watches the
 * role's objects with fabric8 informers and turns them into {@code __meta_kubernetes_*} labels, one builder class per
 * role. Imports {@code io.ignis.discovery}, {@code io.ignis.config} and the fabric8 client only.
 */
package io.ignis.discovery.kubernetes;
