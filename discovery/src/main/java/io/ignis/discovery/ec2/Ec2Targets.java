package io.ignis.discovery.ec2;

import io.ignis.discovery.LabelNames;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceIpv6Address;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Turns DescribeInstances reservations into targets with exactly the labels Prometheus's EC2 SD sets. */
final class Ec2Targets {
    private static final String PREFIX = "__meta_ec2_";
    private static final String SEPARATOR = ",";

    private final String region;
    private final int port;
    private final Map<String, String> azToAzId;

    /** @param azToAzId zone name to zone id; null when DescribeAvailabilityZones failed (ids are then empty) */
    Ec2Targets(String region, int port, Map<String, String> azToAzId) {
        this.region = region;
        this.port = port;
        this.azToAzId = azToAzId == null ? Map.of() : azToAzId;
    }

    /** Adds one target per instance that has a private IPv4 or an IPv6 address. */
    void addTargets(Reservation r, List<Map<String, String>> out) {
        for (Instance inst : r.instances()) {
            Map<String, String> t = target(r, inst);
            if (t != null) {
                out.add(t);
            }
        }
    }

    /** The group of one refresh: source is the region. */
    TargetGroup group(List<Map<String, String>> targets) {
        return new TargetGroup(region, targets, Map.of());
    }

    private Map<String, String> target(Reservation r, Instance inst) {
        Ipv6 ipv6 = ipv6Addresses(inst);
        if (inst.privateIpAddress() == null && ipv6.defaultAddress == null) {
            return null;
        }
        Map<String, String> l = new HashMap<>();
        l.put(PREFIX + "instance_id", orEmpty(inst.instanceId()));
        l.put(PREFIX + "region", region);
        putIfPresent(l, "owner_id", r.ownerId());
        putIfPresent(l, "default_ipv6_address", ipv6.defaultAddress);
        if (inst.privateIpAddress() != null) {
            l.put(PREFIX + "private_ip", inst.privateIpAddress());
            l.put(TargetGroup.ADDRESS_LABEL, joinHostPort(inst.privateIpAddress(), port));
        } else {
            l.put(TargetGroup.ADDRESS_LABEL, joinHostPort(ipv6.defaultAddress, port));
        }
        putIfPresent(l, "private_dns_name", inst.privateDnsName());
        putIfNotEmpty(l, "platform", inst.platformAsString());
        if (inst.publicIpAddress() != null) {
            l.put(PREFIX + "public_ip", inst.publicIpAddress());
            l.put(PREFIX + "public_dns_name", orEmpty(inst.publicDnsName()));
        }
        if (ipv6.primary != null) {
            l.put(PREFIX + "primary_ipv6_addresses", joined(ipv6.primary));
        }
        if (ipv6.all != null) {
            l.put(PREFIX + "ipv6_addresses", joined(ipv6.all));
        }
        l.put(PREFIX + "ami", orEmpty(inst.imageId()));
        String az = inst.placement() == null ? "" : orEmpty(inst.placement().availabilityZone());
        l.put(PREFIX + "availability_zone", az);
        l.put(PREFIX + "availability_zone_id", azToAzId.getOrDefault(az, ""));
        l.put(PREFIX + "instance_state", inst.state() == null ? "" : orEmpty(inst.state().nameAsString()));
        l.put(PREFIX + "instance_type", orEmpty(inst.instanceTypeAsString()));
        putIfNotEmpty(l, "instance_lifecycle", inst.instanceLifecycleAsString());
        putIfNotEmpty(l, "architecture", inst.architectureAsString());
        if (inst.vpcId() != null) {
            l.put(PREFIX + "vpc_id", inst.vpcId());
            l.put(PREFIX + "primary_subnet_id", orEmpty(inst.subnetId()));
            Set<String> subnets = new LinkedHashSet<>();
            for (InstanceNetworkInterface eni : inst.networkInterfaces()) {
                if (eni.subnetId() != null) {
                    subnets.add(eni.subnetId());
                }
            }
            l.put(PREFIX + "subnet_id", joined(new ArrayList<>(subnets)));
        }
        for (Tag tag : inst.tags()) {
            if (tag.key() != null && tag.value() != null) {
                l.put(PREFIX + "tag_" + LabelNames.sanitize(tag.key()), tag.value());
            }
        }
        return l;
    }

    private record Ipv6(String defaultAddress, List<String> primary, List<String> all) {
    }

    // As Prometheus: primary IPv6 addresses indexed by the interface's device index (gaps stay empty); the default
    // address is the first non-empty of primary then all. Only instances in a VPC have any.
    private static Ipv6 ipv6Addresses(Instance inst) {
        List<String> primary = null;
        List<String> all = null;
        if (inst.vpcId() == null) {
            return new Ipv6(null, null, null);
        }
        for (InstanceNetworkInterface eni : inst.networkInterfaces()) {
            if (eni.subnetId() == null) {
                continue;
            }
            for (InstanceIpv6Address a : eni.ipv6Addresses()) {
                if (all == null) {
                    all = new ArrayList<>();
                }
                all.add(a.ipv6Address());
                if (Boolean.TRUE.equals(a.isPrimaryIpv6())) {
                    if (primary == null) {
                        primary = new ArrayList<>();
                    }
                    int index = eni.attachment() == null || eni.attachment().deviceIndex() == null ? 0
                            : eni.attachment().deviceIndex();
                    while (primary.size() <= index) {
                        primary.add("");
                    }
                    primary.set(index, a.ipv6Address());
                }
            }
        }
        String def = firstNonEmpty(primary);
        if (def == null) {
            def = firstNonEmpty(all);
        }
        return new Ipv6(def, primary, all);
    }

    private static String firstNonEmpty(List<String> list) {
        if (list != null) {
            for (String a : list) {
                if (a != null && !a.isEmpty()) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String joined(List<String> values) {
        return SEPARATOR + String.join(SEPARATOR, values) + SEPARATOR;
    }

    private static void putIfPresent(Map<String, String> l, String name, String value) {
        if (value != null) {
            l.put(PREFIX + name, value);
        }
    }

    private static void putIfNotEmpty(Map<String, String> l, String name, String value) {
        if (value != null && !value.isEmpty()) {
            l.put(PREFIX + name, value);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String joinHostPort(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
