package io.ignis.discovery.kubernetes;

import io.ignis.config.KubernetesSdConfig;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.DiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import java.util.List;
import java.util.function.Consumer;

/** Kubernetes SD: not yet implemented. */
public final class KubernetesDiscoverer implements Discoverer {
    public KubernetesDiscoverer(KubernetesSdConfig config, String setName, DiscoveryMetrics metrics) {
        throw new UnsupportedOperationException("kubernetes_sd_configs not implemented yet");
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
    }

    @Override
    public void close() {
    }
}
