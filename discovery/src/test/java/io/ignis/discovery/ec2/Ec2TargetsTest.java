package io.ignis.discovery.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.discovery.LabelNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceIpv6Address;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The label sets of Prometheus's {@code TestEC2DiscoveryRefresh} cases. */
class Ec2TargetsTest {
    private static final Map<String, String> AZ_IDS = Map.of("azname-a", "azid-1", "azname-b", "azid-2",
            "azname-c", "azid-3");

    record Case(String name, String region, Reservation reservation, List<Map<String, String>> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static InstanceNetworkInterface eni(String subnet, Integer deviceIndex, String... ipv6AndPrimary) {
        List<InstanceIpv6Address> addresses = new ArrayList<>();
        for (int i = 0; i < ipv6AndPrimary.length; i += 2) {
            addresses.add(InstanceIpv6Address.builder().ipv6Address(ipv6AndPrimary[i])
                    .isPrimaryIpv6(Boolean.parseBoolean(ipv6AndPrimary[i + 1])).build());
        }
        InstanceNetworkInterface.Builder b = InstanceNetworkInterface.builder().subnetId(subnet)
                .ipv6Addresses(addresses);
        if (deviceIndex != null) {
            b.attachment(a -> a.deviceIndex(deviceIndex));
        }
        return b.build();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("NoPrivateIpOrIpv6", "region-noprivateip", Reservation.builder().instances(
                        Instance.builder().instanceId("instance-id-noprivateip").build()).build(), List.of()),
                new Case("NoVpc", "region-novpc", Reservation.builder().ownerId("owner-id-novpc").instances(
                        Instance.builder().architecture("architecture-novpc").imageId("ami-novpc")
                                .instanceId("instance-id-novpc").instanceLifecycle("instance-lifecycle-novpc")
                                .instanceType("instance-type-novpc").placement(p -> p.availabilityZone("azname-b"))
                                .platform("platform-novpc").privateDnsName("private-dns-novpc")
                                .privateIpAddress("1.2.3.4").publicDnsName("public-dns-novpc")
                                .publicIpAddress("42.42.42.2").state(s -> s.name("running"))
                                .tags(Tag.builder().key("tag-1-key").value("tag-1-value").build(),
                                        Tag.builder().key("tag-2-key").value("tag-2-value").build(),
                                        Tag.builder().build(), Tag.builder().value("tag-4-value").build(),
                                        Tag.builder().key("tag-5-key").build())
                                .build()).build(),
                        List.of(Map.ofEntries(
                                Map.entry("__address__", "1.2.3.4:4242"),
                                Map.entry("__meta_ec2_ami", "ami-novpc"),
                                Map.entry("__meta_ec2_architecture", "architecture-novpc"),
                                Map.entry("__meta_ec2_availability_zone", "azname-b"),
                                Map.entry("__meta_ec2_availability_zone_id", "azid-2"),
                                Map.entry("__meta_ec2_instance_id", "instance-id-novpc"),
                                Map.entry("__meta_ec2_instance_lifecycle", "instance-lifecycle-novpc"),
                                Map.entry("__meta_ec2_instance_type", "instance-type-novpc"),
                                Map.entry("__meta_ec2_instance_state", "running"),
                                Map.entry("__meta_ec2_owner_id", "owner-id-novpc"),
                                Map.entry("__meta_ec2_platform", "platform-novpc"),
                                Map.entry("__meta_ec2_private_dns_name", "private-dns-novpc"),
                                Map.entry("__meta_ec2_private_ip", "1.2.3.4"),
                                Map.entry("__meta_ec2_public_dns_name", "public-dns-novpc"),
                                Map.entry("__meta_ec2_public_ip", "42.42.42.2"),
                                Map.entry("__meta_ec2_region", "region-novpc"),
                                Map.entry("__meta_ec2_tag_tag_1_key", "tag-1-value"),
                                Map.entry("__meta_ec2_tag_tag_2_key", "tag-2-value")))),
                new Case("Ipv4", "region-ipv4", Reservation.builder().ownerId("").instances(
                        Instance.builder().imageId("ami-ipv4").instanceId("instance-id-ipv4")
                                .instanceType("instance-type-ipv4").placement(p -> p.availabilityZone("azname-c"))
                                .privateIpAddress("5.6.7.8").state(s -> s.name("running")).subnetId("azid-3")
                                .vpcId("vpc-ipv4").networkInterfaces(eni(null, null, "2001:db8:1::1", "true"),
                                        eni("azid-3", null), eni("azid-1", null)).build()).build(),
                        List.of(Map.ofEntries(
                                Map.entry("__address__", "5.6.7.8:4242"),
                                Map.entry("__meta_ec2_ami", "ami-ipv4"),
                                Map.entry("__meta_ec2_availability_zone", "azname-c"),
                                Map.entry("__meta_ec2_availability_zone_id", "azid-3"),
                                Map.entry("__meta_ec2_instance_id", "instance-id-ipv4"),
                                Map.entry("__meta_ec2_instance_state", "running"),
                                Map.entry("__meta_ec2_instance_type", "instance-type-ipv4"),
                                Map.entry("__meta_ec2_owner_id", ""),
                                Map.entry("__meta_ec2_primary_subnet_id", "azid-3"),
                                Map.entry("__meta_ec2_private_ip", "5.6.7.8"),
                                Map.entry("__meta_ec2_region", "region-ipv4"),
                                Map.entry("__meta_ec2_subnet_id", ",azid-3,azid-1,"),
                                Map.entry("__meta_ec2_vpc_id", "vpc-ipv4")))),
                new Case("Ipv6", "region-ipv6", Reservation.builder().ownerId("").instances(
                        Instance.builder().imageId("ami-ipv6").instanceId("instance-id-ipv6")
                                .instanceType("instance-type-ipv6").placement(p -> p.availabilityZone("azname-b"))
                                .privateIpAddress("9.10.11.12").state(s -> s.name("running")).subnetId("azid-2")
                                .vpcId("vpc-ipv6").networkInterfaces(
                                        eni("azid-2", 3, "2001:db8:2::1:1", "false"),
                                        eni("azid-2", 1, "2001:db8:2::2:1", "false", "2001:db8:2::2:2", "true"),
                                        eni("azid-1", 3, "2001:db8:2::3:1", "true"),
                                        eni("azid-3", 0)).build()).build(),
                        List.of(Map.ofEntries(
                                Map.entry("__address__", "9.10.11.12:4242"),
                                Map.entry("__meta_ec2_ami", "ami-ipv6"),
                                Map.entry("__meta_ec2_availability_zone", "azname-b"),
                                Map.entry("__meta_ec2_availability_zone_id", "azid-2"),
                                Map.entry("__meta_ec2_instance_id", "instance-id-ipv6"),
                                Map.entry("__meta_ec2_instance_state", "running"),
                                Map.entry("__meta_ec2_instance_type", "instance-type-ipv6"),
                                Map.entry("__meta_ec2_ipv6_addresses",
                                        ",2001:db8:2::1:1,2001:db8:2::2:1,2001:db8:2::2:2,2001:db8:2::3:1,"),
                                Map.entry("__meta_ec2_owner_id", ""),
                                Map.entry("__meta_ec2_default_ipv6_address", "2001:db8:2::2:2"),
                                Map.entry("__meta_ec2_primary_ipv6_addresses", ",,2001:db8:2::2:2,,2001:db8:2::3:1,"),
                                Map.entry("__meta_ec2_primary_subnet_id", "azid-2"),
                                Map.entry("__meta_ec2_private_ip", "9.10.11.12"),
                                Map.entry("__meta_ec2_region", "region-ipv6"),
                                Map.entry("__meta_ec2_subnet_id", ",azid-2,azid-1,azid-3,"),
                                Map.entry("__meta_ec2_vpc_id", "vpc-ipv6")))),
                new Case("Ipv6-Only", "region-ipv6-only", Reservation.builder().ownerId("").instances(
                        Instance.builder().imageId("ami-ipv6-only").instanceId("instance-id-ipv6-only")
                                .instanceType("instance-type-ipv6-only")
                                .placement(p -> p.availabilityZone("azname-b")).state(s -> s.name("running"))
                                .subnetId("azid-2").vpcId("vpc-ipv6-only")
                                .networkInterfaces(eni("azid-2", 0, "2001:db8:2::1:1", "false")).build()).build(),
                        List.of(Map.ofEntries(
                                Map.entry("__address__", "[2001:db8:2::1:1]:4242"),
                                Map.entry("__meta_ec2_ami", "ami-ipv6-only"),
                                Map.entry("__meta_ec2_availability_zone", "azname-b"),
                                Map.entry("__meta_ec2_availability_zone_id", "azid-2"),
                                Map.entry("__meta_ec2_instance_id", "instance-id-ipv6-only"),
                                Map.entry("__meta_ec2_instance_state", "running"),
                                Map.entry("__meta_ec2_instance_type", "instance-type-ipv6-only"),
                                Map.entry("__meta_ec2_ipv6_addresses", ",2001:db8:2::1:1,"),
                                Map.entry("__meta_ec2_owner_id", ""),
                                Map.entry("__meta_ec2_default_ipv6_address", "2001:db8:2::1:1"),
                                Map.entry("__meta_ec2_primary_subnet_id", "azid-2"),
                                Map.entry("__meta_ec2_region", "region-ipv6-only"),
                                Map.entry("__meta_ec2_subnet_id", ",azid-2,"),
                                Map.entry("__meta_ec2_vpc_id", "vpc-ipv6-only")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void labelsAsPrometheus(Case c) {
        Ec2Targets targets = new Ec2Targets(c.region(), 4242, AZ_IDS);
        List<Map<String, String>> out = new ArrayList<>();
        targets.addTargets(c.reservation(), out);
        assertThat(out).isEqualTo(c.want());
        assertThat(targets.group(out).source()).isEqualTo(c.region());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("tagNames")
    void tagNamesSanitizedAsPrometheus(String in, String want) {
        assertThat(LabelNames.sanitize(in)).isEqualTo(want);
    }

    static Stream<Arguments> tagNames() {
        return Stream.of(Arguments.of("Name", "Name"), Arguments.of("aws:autoscaling:groupName",
                "aws_autoscaling_groupName"), Arguments.of("1st-tag", "1st_tag"), Arguments.of("ünï", "_n_"),
                Arguments.of("a😀b", "a_b"));
    }
}
