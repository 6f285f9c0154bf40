package io.ignis.discovery.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.Ec2Filter;
import io.ignis.config.Ec2SdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.discovery.PrometheusPeer;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus (2.42) and our EC2 SD ask the same local endpoint (recorded DescribeInstances pages and
 * availability zones) with the same filters: the targets and labels are the same, except the two IPv6 labels
 * Prometheus added after 2.42.
 */
class Ec2PrometheusPeerTest {
    private static final Set<String> NEWER_THAN_PEER = Set.of("__meta_ec2_default_ipv6_address",
            "__meta_ec2_primary_ipv6_addresses");

    @TempDir
    Path dir;

    @Test
    void discoveredLabelsEqualPrometheus() throws Exception {
        try (FakeEc2Endpoint endpoint = new FakeEc2Endpoint()) {
            Set<Map<String, String>> ours;
            Ec2SdConfig config = new Ec2SdConfig(endpoint.url(), "eu-west-1", "AKIDEXAMPLE", new Secret("secret"),
                    "", "", "", Duration.ofMinutes(1), 9100, List.of(new Ec2Filter("tag:Role", List.of("web", "db"))),
                    HttpClientConfig.DEFAULT);
            try (Ec2Discoverer d = new Ec2Discoverer(config, "peer", new RecordingDiscoveryMetrics(),
                    Duration.ofSeconds(1))) {
                ours = new HashSet<>();
                for (Map<String, String> t : PrometheusPeer.flatten(d.refresh())) {
                    Map<String, String> m = new HashMap<>(t);
                    m.keySet().removeAll(NEWER_THAN_PEER);
                    ours.add(m);
                }
            }
            assertThat(ours).hasSize(2);
            try (PrometheusPeer prometheus = PrometheusPeer.start(dir, """
                    global: {scrape_interval: 1h}
                    scrape_configs:
                      - job_name: peer
                        ec2_sd_configs:
                          - endpoint: %s
                            region: eu-west-1
                            access_key: AKIDEXAMPLE
                            secret_key: secret
                            port: 9100
                            filters: [{name: "tag:Role", values: [web, db]}]
                    """.formatted(endpoint.url()))) {
                assertThat(prometheus.awaitDiscovered(2, Duration.ofSeconds(30))).isEqualTo(ours);
            }
            // Both paged through DescribeInstances with the filters.
            assertThat(endpoint.requests()).filteredOn(r -> "page-2".equals(r.get("NextToken"))).hasSize(2)
                    .allSatisfy(r -> assertThat(r).containsEntry("Filter.1.Value.2", "db"));
        }
    }
}
