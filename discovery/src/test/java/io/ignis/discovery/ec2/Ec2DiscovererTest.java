package io.ignis.discovery.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.Ec2Filter;
import io.ignis.config.Ec2SdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.discovery.Await;
import io.ignis.discovery.CapturedLogs;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.RefreshDiscoverer;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EC2 SD through the AWS SDK against a local endpoint answering recorded DescribeInstances XML. */
class Ec2DiscovererTest {
    private FakeEc2Endpoint endpoint;
    private final RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();

    @BeforeEach
    void start() throws IOException {
        endpoint = new FakeEc2Endpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private Ec2Discoverer discoverer(Duration refresh) {
        Ec2SdConfig c = new Ec2SdConfig(endpoint.url(), "eu-west-1", "AKIDEXAMPLE", new Secret("secret"), "", "", "",
                refresh, 9100, List.of(new Ec2Filter("tag:Role", List.of("web", "db"))), HttpClientConfig.DEFAULT);
        return new Ec2Discoverer(c, "ec2-job", metrics, Duration.ofMillis(50));
    }

    private static final Map<String, String> WEB_1 = Map.ofEntries(
            Map.entry("__address__", "10.0.1.10:9100"),
            Map.entry("__meta_ec2_ami", "ami-0abcdef1234567890"),
            Map.entry("__meta_ec2_architecture", "x86_64"),
            Map.entry("__meta_ec2_availability_zone", "eu-west-1a"),
            Map.entry("__meta_ec2_availability_zone_id", "euw1-az1"),
            Map.entry("__meta_ec2_default_ipv6_address", "2001:db8:1::10"),
            Map.entry("__meta_ec2_instance_id", "i-0000000000000000a"),
            Map.entry("__meta_ec2_instance_state", "running"),
            Map.entry("__meta_ec2_instance_type", "t3.micro"),
            Map.entry("__meta_ec2_ipv6_addresses", ",2001:db8:1::10,"),
            Map.entry("__meta_ec2_owner_id", "123456789012"),
            Map.entry("__meta_ec2_primary_ipv6_addresses", ",2001:db8:1::10,"),
            Map.entry("__meta_ec2_primary_subnet_id", "subnet-aaaa"),
            Map.entry("__meta_ec2_private_dns_name", "ip-10-0-1-10.eu-west-1.compute.internal"),
            Map.entry("__meta_ec2_private_ip", "10.0.1.10"),
            Map.entry("__meta_ec2_public_dns_name", "ec2-198-51-100-10.eu-west-1.compute.amazonaws.com"),
            Map.entry("__meta_ec2_public_ip", "198.51.100.10"),
            Map.entry("__meta_ec2_region", "eu-west-1"),
            Map.entry("__meta_ec2_subnet_id", ",subnet-aaaa,subnet-bbbb,"),
            Map.entry("__meta_ec2_tag_Name", "web-1"),
            Map.entry("__meta_ec2_tag_aws_autoscaling_groupName", "web-asg"),
            Map.entry("__meta_ec2_vpc_id", "vpc-1111"));

    private static final Map<String, String> SPOT = Map.ofEntries(
            Map.entry("__address__", "10.0.2.20:9100"),
            Map.entry("__meta_ec2_ami", "ami-0fedcba9876543210"),
            Map.entry("__meta_ec2_architecture", "arm64"),
            Map.entry("__meta_ec2_availability_zone", "eu-west-1b"),
            Map.entry("__meta_ec2_availability_zone_id", "euw1-az2"),
            Map.entry("__meta_ec2_instance_id", "i-0000000000000000b"),
            Map.entry("__meta_ec2_instance_lifecycle", "spot"),
            Map.entry("__meta_ec2_instance_state", "running"),
            Map.entry("__meta_ec2_instance_type", "m5.large"),
            Map.entry("__meta_ec2_owner_id", "123456789012"),
            Map.entry("__meta_ec2_platform", "windows"),
            Map.entry("__meta_ec2_private_dns_name", "ip-10-0-2-20.eu-west-1.compute.internal"),
            Map.entry("__meta_ec2_private_ip", "10.0.2.20"),
            Map.entry("__meta_ec2_region", "eu-west-1"));

    @Test
    void pagesThroughDescribeInstancesWithFiltersAndZoneIds() {
        Ec2Discoverer d = discoverer(Duration.ofMinutes(1));
        try {
            List<TargetGroup> groups = d.refresh();
            assertThat(groups).containsExactly(new TargetGroup("eu-west-1", List.of(WEB_1, SPOT), Map.of()));
        } finally {
            d.close();
        }
        List<Map<String, String>> calls = endpoint.requests();
        assertThat(calls).extracting(m -> m.get("Action"))
                .containsExactly("DescribeAvailabilityZones", "DescribeInstances", "DescribeInstances");
        Map<String, String> first = new HashMap<>(calls.get(1));
        assertThat(first).containsEntry("Filter.1.Name", "tag:Role").containsEntry("Filter.1.Value.1", "web")
                .containsEntry("Filter.1.Value.2", "db").doesNotContainKey("NextToken");
        assertThat(calls.get(2)).containsEntry("NextToken", "page-2");
    }

    @Test
    void apiErrorsKeepLastTargetsRetryBeforeTheIntervalAndAreLogged() {
        Duration interval = Duration.ofSeconds(5);
        RecordingSink sink = new RecordingSink();
        try (Ec2Discoverer d = discoverer(interval); CapturedLogs logs = CapturedLogs.of(RefreshDiscoverer.class)) {
            d.start(sink);
            // The SDK's first call loads a lot of classes: seconds on a busy machine.
            Await.until("first refresh", Duration.ofSeconds(30), () -> sink.groups().size() == 1);
            endpoint.failing = true;
            String failures = "prometheus_sd_refresh_failures_total{ec2,ec2-job}";
            Await.until("a failed refresh", Duration.ofSeconds(20), () -> metrics.value(failures) >= 1);
            long firstFailure = System.nanoTime();
            // Each failed refresh (four SDK attempts) is retried after a backoff from 50 ms, well before the interval.
            Await.until("two retries", Duration.ofSeconds(20), () -> metrics.value(failures) >= 3);
            assertThat(Duration.ofNanos(System.nanoTime() - firstFailure)).isLessThan(interval);
            assertThat(sink.pushCount()).isEqualTo(1);
            assertThat(sink.groups().get("eu-west-1").targets()).containsExactly(WEB_1, SPOT);
            assertThat(logs.has("ERROR RefreshDiscoverer unable to refresh target groups mechanism=ec2 config=ec2-job",
                    "could not describe instances", "Status Code: 500")).as(logs.lines().toString()).isTrue();

            endpoint.failing = false;
            Await.until("a successful refresh after the failures", Duration.ofSeconds(20),
                    () -> sink.pushCount() >= 2);
            assertThat(sink.groups().get("eu-west-1").targets()).containsExactly(WEB_1, SPOT);
        }
    }
}
