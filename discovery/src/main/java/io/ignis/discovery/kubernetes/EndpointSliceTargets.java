package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.LabelNames;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Role {@code endpointslice}: one target per endpoint address and slice port, as Prometheus's endpointslice.go. */
final class EndpointSliceTargets {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final String SLICE_PREFIX = MetaLabels.PREFIX + "endpointslice_";

    private EndpointSliceTargets() {
    }

    static String source(String namespace, String name) {
        return "endpointslice/" + namespace + "/" + name;
    }

    static TargetGroup build(EndpointSlice eps, ObjectLookup lookup, AttachMetadata attach) {
        String ns = MetaLabels.orEmpty(eps.getMetadata().getNamespace());
        String source = source(ns, MetaLabels.orEmpty(eps.getMetadata().getName()));
        Map<String, String> labels = new HashMap<>();
        labels.put(MetaLabels.NAMESPACE, ns);
        labels.put(SLICE_PREFIX + "address_type", MetaLabels.orEmpty(eps.getAddressType()));
        MetaLabels.addObjectMeta(labels, eps.getMetadata(), "endpointslice");
        String serviceName = MetaLabels.orEmpty(eps.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
        Service svc = serviceName == null ? null : lookup.service(ns, serviceName);
        if (svc != null) {
            labels.putAll(ServiceTargets.serviceLabels(svc));
        }
        if (attach.namespace()) {
            MetaLabels.addNamespace(labels, lookup, ns);
        }
        if (nonPrimaryIpFamily(svc, eps)) {
            return new TargetGroup(source, List.of(), labels);
        }
        List<Map<String, String>> targets = new ArrayList<>();
        SeenPods seen = new SeenPods();
        for (Endpoint ep : MetaLabels.orEmpty(eps.getEndpoints())) {
            for (EndpointPort port : MetaLabels.orEmpty(eps.getPorts())) {
                for (String addr : MetaLabels.orEmpty(ep.getAddresses())) {
                    targets.add(target(addr, ep, port, lookup, attach, seen));
                }
            }
        }
        seen.addUnseenPortTargets(targets, lookup, attach);
        return new TargetGroup(source, targets, labels);
    }

    // A dual-stack service has a slice per IP family; only the primary family's slice gives targets.
    private static boolean nonPrimaryIpFamily(Service svc, EndpointSlice eps) {
        if (svc == null || svc.getSpec() == null) {
            return false;
        }
        String policy = svc.getSpec().getIpFamilyPolicy();
        if (!"PreferDualStack".equals(policy) && !"RequireDualStack".equals(policy)) {
            return false;
        }
        List<String> families = MetaLabels.orEmpty(svc.getSpec().getIpFamilies());
        return !families.isEmpty() && !MetaLabels.orEmpty(eps.getAddressType()).equals(families.get(0));
    }

    private static Map<String, String> target(String addr, Endpoint ep, EndpointPort port, ObjectLookup lookup,
            AttachMetadata attach, SeenPods seen) {
        Map<String, String> t = new HashMap<>();
        t.put(TargetGroup.ADDRESS_LABEL, port.getPort() == null ? addr : MetaLabels.joinHostPort(addr, port.getPort()));
        if (port.getName() != null) {
            t.put(SLICE_PREFIX + "port_name", port.getName());
        }
        if (port.getProtocol() != null) {
            t.put(SLICE_PREFIX + "port_protocol", port.getProtocol());
        }
        if (port.getPort() != null) {
            t.put(SLICE_PREFIX + "port", Integer.toString(port.getPort()));
        }
        if (port.getAppProtocol() != null) {
            t.put(SLICE_PREFIX + "port_app_protocol", port.getAppProtocol());
        }
        if (ep.getConditions() != null) {
            putBool(t, "endpoint_conditions_ready", ep.getConditions().getReady());
            putBool(t, "endpoint_conditions_serving", ep.getConditions().getServing());
            putBool(t, "endpoint_conditions_terminating", ep.getConditions().getTerminating());
        }
        if (ep.getHostname() != null) {
            t.put(SLICE_PREFIX + "endpoint_hostname", ep.getHostname());
        }
        ObjectReference ref = ep.getTargetRef();
        if (ref != null) {
            t.put(SLICE_PREFIX + "address_target_kind", MetaLabels.orEmpty(ref.getKind()));
            t.put(SLICE_PREFIX + "address_target_name", MetaLabels.orEmpty(ref.getName()));
        }
        if (ep.getNodeName() != null) {
            t.put(SLICE_PREFIX + "endpoint_node_name", ep.getNodeName());
        }
        if (ep.getZone() != null) {
            t.put(SLICE_PREFIX + "endpoint_zone", ep.getZone());
        }
        for (Map.Entry<String, String> e : MetaLabels.orEmpty(ep.getDeprecatedTopology()).entrySet()) {
            String ln = LabelNames.sanitize(e.getKey());
            t.put(SLICE_PREFIX + "endpoint_topology_" + ln, MetaLabels.orEmpty(e.getValue()));
            t.put(SLICE_PREFIX + "endpoint_topology_present_" + ln, MetaLabels.PRESENT);
        }
        if (attach.node()) {
            if (ref != null && "Node".equals(ref.getKind())) {
                MetaLabels.addNode(t, lookup, ref.getName());
            } else {
                MetaLabels.addNode(t, lookup, ep.getNodeName());
            }
        }
        Pod pod = ref != null && "Pod".equals(ref.getKind())
                ? lookup.pod(MetaLabels.orEmpty(ref.getNamespace()), MetaLabels.orEmpty(ref.getName())) : null;
        if (pod == null) {
            return t;
        }
        seen.add(pod, port.getPort());
        t.putAll(PodTargets.podLabels(pod, lookup, attach));
        // Unlike the endpoints role, Prometheus takes the container port's own protocol here.
        SeenPods.addContainerLabels(t, pod, port.getPort(), null);
        return t;
    }

    private static void putBool(Map<String, String> t, String name, Boolean value) {
        if (value != null) {
            t.put(SLICE_PREFIX + name, value.toString());
        }
    }
}
