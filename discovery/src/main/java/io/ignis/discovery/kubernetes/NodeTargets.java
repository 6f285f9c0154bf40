package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.ignis.discovery.LabelNames;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Role {@code node}: one target per node, the kubelet's address and port, as Prometheus's node.go. */
final class NodeTargets {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTargets.class);
    // The order in which Prometheus picks the node's address.
    private static final List<String> ADDRESS_PREFERENCE = List.of("InternalIP", "InternalDNS", "ExternalIP",
            "ExternalDNS", "LegacyHostIP", "Hostname");

    private NodeTargets() {
    }

    static String source(String name) {
        return "node/" + name;
    }

    /** The node's group, or null for a node without any address: as in Prometheus, nothing is sent for it. */
    static TargetGroup build(Node node) {
        String name = MetaLabels.orEmpty(node.getMetadata().getName());
        Map<String, String> labels = new HashMap<>();
        labels.put(MetaLabels.PREFIX + "node_provider_id",
                node.getSpec() == null ? "" : MetaLabels.orEmpty(node.getSpec().getProviderID()));
        List<NodeCondition> conditions = node.getStatus() == null ? List.of()
                : MetaLabels.orEmpty(node.getStatus().getConditions());
        for (NodeCondition c : conditions) {
            String type = MetaLabels.orEmpty(c.getType()).toLowerCase(Locale.ROOT);
            labels.put(MetaLabels.PREFIX + "node_condition_" + LabelNames.sanitize(type),
                    MetaLabels.orEmpty(c.getStatus()).toLowerCase(Locale.ROOT));
        }
        MetaLabels.addObjectMeta(labels, node.getMetadata(), "node");

        Map<String, List<String>> byType = new LinkedHashMap<>();
        List<NodeAddress> addresses = node.getStatus() == null ? List.of()
                : MetaLabels.orEmpty(node.getStatus().getAddresses());
        for (NodeAddress a : addresses) {
            byType.computeIfAbsent(MetaLabels.orEmpty(a.getType()), k -> new ArrayList<>())
                    .add(MetaLabels.orEmpty(a.getAddress()));
        }
        String address = null;
        for (String type : ADDRESS_PREFERENCE) {
            if (byType.containsKey(type)) {
                address = byType.get(type).get(0);
                break;
            }
        }
        if (address == null) {
            LOG.warn("no node address found node={} err=\"host address unknown\"", name);
            return null;
        }
        Map<String, String> target = new HashMap<>();
        target.put(TargetGroup.ADDRESS_LABEL, MetaLabels.joinHostPort(address, kubeletPort(node)));
        target.put("instance", name);
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            target.put(LabelNames.sanitize(MetaLabels.PREFIX + "node_address_" + e.getKey()), e.getValue().get(0));
        }
        return new TargetGroup(source(name), List.of(target), labels);
    }

    private static int kubeletPort(Node node) {
        if (node.getStatus() == null || node.getStatus().getDaemonEndpoints() == null
                || node.getStatus().getDaemonEndpoints().getKubeletEndpoint() == null
                || node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() == null) {
            return 0;
        }
        return node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
    }
}
