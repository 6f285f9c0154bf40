package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Role {@code endpoints}: one target per address and port of each subset, as Prometheus's endpoints.go. */
final class EndpointsTargets {
    private static final String ENDPOINT_PREFIX = MetaLabels.PREFIX + "endpoint_";

    private EndpointsTargets() {
    }

    static String source(String namespace, String name) {
        return "endpoints/" + namespace + "/" + name;
    }

    static TargetGroup build(Endpoints eps, ObjectLookup lookup, AttachMetadata attach) {
        String ns = MetaLabels.orEmpty(eps.getMetadata().getNamespace());
        String name = MetaLabels.orEmpty(eps.getMetadata().getName());
        Map<String, String> labels = new HashMap<>();
        labels.put(MetaLabels.NAMESPACE, ns);
        Service svc = lookup.service(ns, name);
        if (svc != null) {
            labels.putAll(ServiceTargets.serviceLabels(svc));
        }
        MetaLabels.addObjectMeta(labels, eps.getMetadata(), "endpoints");
        if (attach.namespace()) {
            MetaLabels.addNamespace(labels, lookup, ns);
        }
        List<Map<String, String>> targets = new ArrayList<>();
        SeenPods seen = new SeenPods();
        for (EndpointSubset ss : MetaLabels.orEmpty(eps.getSubsets())) {
            for (EndpointPort port : MetaLabels.orEmpty(ss.getPorts())) {
                for (EndpointAddress addr : MetaLabels.orEmpty(ss.getAddresses())) {
                    targets.add(target(addr, port, "true", lookup, attach, seen));
                }
                for (EndpointAddress addr : MetaLabels.orEmpty(ss.getNotReadyAddresses())) {
                    targets.add(target(addr, port, "false", lookup, attach, seen));
                }
            }
        }
        seen.addUnseenPortTargets(targets, lookup, attach);
        return new TargetGroup(source(ns, name), targets, labels);
    }

    private static Map<String, String> target(EndpointAddress addr, EndpointPort port, String ready,
            ObjectLookup lookup, AttachMetadata attach, SeenPods seen) {
        int number = port.getPort() == null ? 0 : port.getPort();
        Map<String, String> t = new HashMap<>();
        t.put(TargetGroup.ADDRESS_LABEL, MetaLabels.joinHostPort(MetaLabels.orEmpty(addr.getIp()), number));
        t.put(ENDPOINT_PREFIX + "port_name", MetaLabels.orEmpty(port.getName()));
        t.put(ENDPOINT_PREFIX + "port_protocol", MetaLabels.orEmpty(port.getProtocol()));
        t.put(ENDPOINT_PREFIX + "ready", ready);
        ObjectReference ref = addr.getTargetRef();
        if (ref != null) {
            t.put(ENDPOINT_PREFIX + "address_target_kind", MetaLabels.orEmpty(ref.getKind()));
            t.put(ENDPOINT_PREFIX + "address_target_name", MetaLabels.orEmpty(ref.getName()));
        }
        if (addr.getNodeName() != null) {
            t.put(ENDPOINT_PREFIX + "node_name", addr.getNodeName());
        }
        if (addr.getHostname() != null && !addr.getHostname().isEmpty()) {
            t.put(ENDPOINT_PREFIX + "hostname", addr.getHostname());
        }
        if (attach.node()) {
            if (addr.getNodeName() != null) {
                MetaLabels.addNode(t, lookup, addr.getNodeName());
            } else if (ref != null && "Node".equals(ref.getKind())) {
                MetaLabels.addNode(t, lookup, ref.getName());
            }
        }
        Pod pod = ref != null && "Pod".equals(ref.getKind())
                ? lookup.pod(MetaLabels.orEmpty(ref.getNamespace()), MetaLabels.orEmpty(ref.getName())) : null;
        if (pod == null) {
            return t;
        }
        seen.add(pod, port.getPort());
        t.putAll(PodTargets.podLabels(pod, lookup, attach));
        // Prometheus labels the container port with the endpoint port's protocol here.
        SeenPods.addContainerLabels(t, pod, port.getPort(), MetaLabels.orEmpty(port.getProtocol()));
        return t;
    }
}
