package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.DnsSdConfig;
import io.ignis.config.FileSdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdConfigTest {
    @TempDir
    Path dir;

    @Test
    void staticConfigsOfAJobAreOneProviderConfigRegisteredLast() {
        StaticConfig a = new StaticConfig(List.of("a:1"), Map.of());
        StaticConfig b = new StaticConfig(List.of("b:1"), Map.of());
        FileSdConfig f = new FileSdConfig(List.of("/x/*.json"), Duration.ofMinutes(5));
        DnsSdConfig d = new DnsSdConfig(List.of("x."), Duration.ofSeconds(30), "SRV", 0);
        List<SdConfig> got = SdConfig.of(new ServiceDiscoveryConfigs(List.of(a, b), List.of(f), List.of(d), List.of(),
                List.of()));
        assertThat(got).containsExactly(new SdConfig.File(f), new SdConfig.Dns(d), new SdConfig.Static(List.of(a, b)));
        assertThat(got).extracting(SdConfig::mechanism).containsExactly("file", "dns", "static");
    }

    @Test
    void aConfigThatCannotStartIsAFailedConfigAndTheRestRuns() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "this: [is not a kubeconfig");
        KubernetesSdConfig k8s = new KubernetesSdConfig("", "pod", kubeconfig.toString(), HttpClientConfig.DEFAULT,
                new KubernetesSdConfig.Namespaces(false, List.of()), List.of(), null);
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        Subscriber subscriber = new Subscriber();
        Map<String, ServiceDiscoveryConfigs> jobs = new LinkedHashMap<>();
        jobs.put("k8s", new ServiceDiscoveryConfigs(List.of(), List.of(), List.of(), List.of(), List.of(k8s)));
        jobs.put("static", new ServiceDiscoveryConfigs(List.of(new StaticConfig(List.of("s:1"), Map.of())), List.of(),
                List.of(), List.of(), List.of()));
        try (DiscoveryManager m = new DiscoveryManager("scrape", new Mechanisms(metrics), metrics,
                Duration.ofMillis(20), System::currentTimeMillis)) {
            m.subscribe(subscriber);
            m.applyConfig(jobs);
            Await.until("static job", Duration.ofSeconds(5), () -> subscriber.last().containsKey("static")
                    && subscriber.last().get("static").size() == 1);
            assertThat(subscriber.last().get("k8s")).isEmpty();
            assertThat(metrics.value("prometheus_sd_failed_configs{scrape}")).isEqualTo(1);
        }
    }
}
