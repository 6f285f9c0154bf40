package io.ignis.discovery;

import io.ignis.config.DnsSdConfig;
import io.ignis.config.Ec2SdConfig;
import io.ignis.config.FileSdConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider's config: equal configs share one running discoverer across jobs, so equality is the records'
 * value equality. All {@code static_configs} of a job form a single {@link Static}, as in Prometheus.
 */
public sealed interface SdConfig {
    /** The mechanism name used in provider names, logs and metrics. */
    String mechanism();

    /** Every SD config of one job, in the order Prometheus registers them (static ones coalesced, last). */
    static List<SdConfig> of(ServiceDiscoveryConfigs configs) {
        List<SdConfig> out = new ArrayList<>();
        configs.fileSdConfigs().forEach(c -> out.add(new File(c)));
        configs.dnsSdConfigs().forEach(c -> out.add(new Dns(c)));
        configs.ec2SdConfigs().forEach(c -> out.add(new Ec2(c)));
        configs.kubernetesSdConfigs().forEach(c -> out.add(new Kubernetes(c)));
        if (!configs.staticConfigs().isEmpty()) {
            out.add(new Static(configs.staticConfigs()));
        }
        return out;
    }

    /** {@code static_configs}, all entries of one job. */
    record Static(List<StaticConfig> configs) implements SdConfig {
        public Static {
            configs = List.copyOf(configs);
        }

        @Override
        public String mechanism() {
            return "static";
        }
    }

    /** One {@code file_sd_configs} entry. */
    record File(FileSdConfig config) implements SdConfig {
        @Override
        public String mechanism() {
            return "file";
        }
    }

    /** One {@code dns_sd_configs} entry. */
    record Dns(DnsSdConfig config) implements SdConfig {
        @Override
        public String mechanism() {
            return "dns";
        }
    }

    /** One {@code ec2_sd_configs} entry. */
    record Ec2(Ec2SdConfig config) implements SdConfig {
        @Override
        public String mechanism() {
            return "ec2";
        }
    }

    /** One {@code kubernetes_sd_configs} entry. */
    record Kubernetes(KubernetesSdConfig config) implements SdConfig {
        @Override
        public String mechanism() {
            return "kubernetes";
        }
    }
}
