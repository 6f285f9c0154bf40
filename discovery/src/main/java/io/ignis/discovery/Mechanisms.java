package io.ignis.discovery;

import io.ignis.discovery.dns.DnsDiscoverer;
import io.ignis.discovery.dns.DnsResolver;
import io.ignis.discovery.ec2.Ec2Discoverer;
import io.ignis.discovery.file.FileDiscoverer;
import io.ignis.discovery.kubernetes.KubernetesDiscoverer;
import io.ignis.discovery.staticconfig.StaticDiscoverer;
import java.util.Objects;

/** The real {@link DiscovererFactory}: one branch per mechanism, no registry and no reflection. */
public final class Mechanisms implements DiscovererFactory {
    private final DiscoveryMetrics metrics;
    private final DnsResolver.Settings dnsSettings;

    /** With the system's DNS configuration, as Prometheus. */
    public Mechanisms(DiscoveryMetrics metrics) {
        this(metrics, null);
    }

    /** @param dnsSettings DNS servers and search list to use instead of resolv.conf, or null for the system's */
    public Mechanisms(DiscoveryMetrics metrics, DnsResolver.Settings dnsSettings) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.dnsSettings = dnsSettings;
    }

    @Override
    public Discoverer create(SdConfig config, String setName) {
        if (config instanceof SdConfig.Static s) {
            return new StaticDiscoverer(s.configs());
        } else if (config instanceof SdConfig.File f) {
            return new FileDiscoverer(f.config(), metrics);
        } else if (config instanceof SdConfig.Dns d) {
            return new DnsDiscoverer(d.config(), setName, new DnsResolver(dnsSettings), metrics,
                    RefreshDiscoverer.DEFAULT_INITIAL_BACKOFF);
        } else if (config instanceof SdConfig.Ec2 e) {
            return new Ec2Discoverer(e.config(), setName, metrics, RefreshDiscoverer.DEFAULT_INITIAL_BACKOFF);
        } else if (config instanceof SdConfig.Kubernetes k) {
            return new KubernetesDiscoverer(k.config(), setName, metrics);
        }
        throw new IllegalStateException("bug: unknown SD config " + config.getClass());
    }
}
