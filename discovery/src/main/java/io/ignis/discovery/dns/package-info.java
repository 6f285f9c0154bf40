/**
 * {@code dns_sd_configs}: {@link io.ignis.discovery.dns.DnsDiscoverer} polls SRV, A, AAAA, MX or NS records
 * through {@link io.ignis.discovery.dns.DnsResolver} (dnsjava, the system's resolv.conf with search domains).
 * Imports {@code io.ignis.discovery}, {@code io.ignis.config} and dnsjava only.
 */
package io.ignis.discovery.dns;
