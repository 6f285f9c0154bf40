package io.ignis.config;

import java.util.List;

/** The SD blocks of one scrape or alertmanager config, one list per supported mechanism. */
public record ServiceDiscoveryConfigs(List<StaticConfig> staticConfigs, List<FileSdConfig> fileSdConfigs,
        List<DnsSdConfig> dnsSdConfigs, List<Ec2SdConfig> ec2SdConfigs,
        List<KubernetesSdConfig> kubernetesSdConfigs) {
    public static final ServiceDiscoveryConfigs EMPTY = new ServiceDiscoveryConfigs(List.of(), List.of(), List.of(),
            List.of(), List.of());

    public ServiceDiscoveryConfigs {
        staticConfigs = List.copyOf(staticConfigs);
        fileSdConfigs = List.copyOf(fileSdConfigs);
        dnsSdConfigs = List.copyOf(dnsSdConfigs);
        ec2SdConfigs = List.copyOf(ec2SdConfigs);
        kubernetesSdConfigs = List.copyOf(kubernetesSdConfigs);
    }

    public boolean isEmpty() {
        return staticConfigs.isEmpty() && fileSdConfigs.isEmpty() && dnsSdConfigs.isEmpty() && ec2SdConfigs.isEmpty()
                && kubernetesSdConfigs.isEmpty();
    }
}
