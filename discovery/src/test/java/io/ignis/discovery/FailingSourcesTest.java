package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.DnsSdConfig;
import io.ignis.config.Ec2SdConfig;
import io.ignis.config.FileSdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.Secret;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.discovery.dns.DnsResolver;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real mechanisms and one manager: a DNS server that never answers, an EC2 endpoint and a Kubernetes
 * API server that refuse connections keep failing (counted per mechanism), while a file_sd job next to them gets
 * its targets and follows edits as if nothing were wrong.
 */
class FailingSourcesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static ServiceDiscoveryConfigs only(List<FileSdConfig> file, List<DnsSdConfig> dns, List<Ec2SdConfig> ec2,
            List<KubernetesSdConfig> k8s) {
        return new ServiceDiscoveryConfigs(List.of(), file, dns, ec2, k8s);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> addresses(Map<String, List<TargetGroup>> update, String job) {
        List<String> out = new ArrayList<>();
        for (TargetGroup tg : update.getOrDefault(job, List.of())) {
            tg.targets().forEach(t -> out.add(t.get("__address__")));
        }
        out.sort(null);
        return out;
    }

    private void write(Path file, String content) throws IOException {
        Path tmp = dir.resolve(".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void failingSourcesNeverStopTheOtherJobs() throws IOException {
        Path targets = dir.resolve("targets.json");
        write(targets, "[{\"targets\": [\"a:1\"]}]");
        String refused = "http://127.0.0.1:" + closedPort();
        Map<String, ServiceDiscoveryConfigs> jobs = new LinkedHashMap<>();
        jobs.put("dns-down", only(List.of(), List.of(new DnsSdConfig(List.of("web.example.test."),
                Duration.ofSeconds(30), "A", 80)), List.of(), List.of()));
        jobs.put("ec2-down", only(List.of(), List.of(), List.of(new Ec2SdConfig(refused, "eu-west-1", "AKIDEXAMPLE",
                new Secret("secret"), "", "", "", Duration.ofSeconds(30), 80, List.of(), HttpClientConfig.DEFAULT)),
                List.of()));
        jobs.put("k8s-down", only(List.of(), List.of(), List.of(), List.of(new KubernetesSdConfig(refused, "pod", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of()), List.of(), null))));
        jobs.put("files", only(List.of(new FileSdConfig(List.of(dir.resolve("*.json").toString()),
                Duration.ofMinutes(5))), List.of(), List.of(), List.of()));

        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        Subscriber subscriber = new Subscriber();
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DiscoveryManager manager = new DiscoveryManager("scrape", new Mechanisms(metrics,
                        new DnsResolver.Settings(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                                silent.getLocalPort())), List.of(), 1, Duration.ofMillis(200))), metrics,
                        Duration.ofMillis(50), System::currentTimeMillis)) {
            manager.subscribe(subscriber);
            manager.applyConfig(jobs);
            Await.until("file targets", WAIT, () -> addresses(subscriber.last(), "files").equals(List.of("a:1")));

            Await.until("every failing source counted, have " + metrics.snapshot(), WAIT,
                    () -> metrics.value("prometheus_sd_refresh_failures_total{dns,dns-down}") >= 1
                            && metrics.value("prometheus_sd_refresh_failures_total{ec2,ec2-down}") >= 1
                            && metrics.value("prometheus_sd_kubernetes_failures_total") >= 1);
            write(targets, "[{\"targets\": [\"b:1\", \"c:1\"]}]");
            Await.until("edited file targets", WAIT,
                    () -> addresses(subscriber.last(), "files").equals(List.of("b:1", "c:1")));

            // The failing jobs are still there, without targets; none of them is a failed config.
            assertThat(subscriber.last()).containsKeys("dns-down", "ec2-down", "k8s-down");
            assertThat(addresses(subscriber.last(), "dns-down")).isEmpty();
            assertThat(addresses(subscriber.last(), "ec2-down")).isEmpty();
            assertThat(addresses(subscriber.last(), "k8s-down")).isEmpty();
            assertThat(metrics.value("prometheus_sd_failed_configs{scrape}")).isZero();
            assertThat(metrics.value("prometheus_sd_discovered_targets{files,scrape}")).isEqualTo(2);
            assertThat(metrics.value("prometheus_sd_dns_lookup_failures_total")).isGreaterThanOrEqualTo(1);
        }
    }
}
