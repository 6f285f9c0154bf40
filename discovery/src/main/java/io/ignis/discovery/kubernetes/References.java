package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the role's objects a change to another object touches: the informer indexes Prometheus keeps (pods by
 * node, endpoints by pod, slices by service, ...). Each function returns the index keys of one cached object.
 */
final class References {
    static final String NODE_INDEX = "node";
    static final String POD_INDEX = "pod";
    static final String SERVICE_INDEX = "service";
    static final String REPLICASET_INDEX = "replicaset";
    static final String JOB_INDEX = "job";

    private References() {
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static String key(HasMetadata o) {
        return key(o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    /** The node a pod runs on. */
    static List<String> nodeOfPod(Pod p) {
        String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    /** The pod's controller of the given kind, as namespace/name. */
    static List<String> controller(Pod p, String kind) {
        OwnerReference ref = MetaLabels.controllerOf(p.getMetadata());
        return ref != null && kind.equals(ref.getKind()) ? List.of(key(p.getMetadata().getNamespace(), ref.getName()))
                : List.of();
    }

    /** The service an endpoint slice belongs to, as namespace/name. */
    static List<String> serviceOfSlice(EndpointSlice s) {
        String svc = MetaLabels.orEmpty(s.getMetadata().getLabels()).get(EndpointSliceTargets.SERVICE_NAME_LABEL);
        return svc == null ? List.of() : List.of(key(s.getMetadata().getNamespace(), svc));
    }

    /** The nodes the addresses are on: their node name or a Node target. */
    static List<String> nodesOf(Endpoints e) {
        List<String> out = new ArrayList<>();
        for (EndpointAddress a : addresses(e)) {
            addNode(out, a.getNodeName(), a.getTargetRef());
        }
        return out;
    }

    /** The pods the addresses target, as namespace/name. */
    static List<String> podsOf(Endpoints e) {
        List<String> out = new ArrayList<>();
        for (EndpointAddress a : addresses(e)) {
            addPod(out, a.getTargetRef());
        }
        return out;
    }

    static List<String> nodesOf(EndpointSlice s) {
        List<String> out = new ArrayList<>();
        for (Endpoint ep : MetaLabels.orEmpty(s.getEndpoints())) {
            addNode(out, ep.getNodeName(), ep.getTargetRef());
        }
        return out;
    }

    static List<String> podsOf(EndpointSlice s) {
        List<String> out = new ArrayList<>();
        for (Endpoint ep : MetaLabels.orEmpty(s.getEndpoints())) {
            addPod(out, ep.getTargetRef());
        }
        return out;
    }

    private static List<EndpointAddress> addresses(Endpoints e) {
        List<EndpointAddress> all = new ArrayList<>();
        for (EndpointSubset ss : MetaLabels.orEmpty(e.getSubsets())) {
            all.addAll(MetaLabels.orEmpty(ss.getAddresses()));
            all.addAll(MetaLabels.orEmpty(ss.getNotReadyAddresses()));
        }
        return all;
    }

    private static void addNode(List<String> out, String nodeName, ObjectReference ref) {
        if (nodeName != null && !nodeName.isEmpty() && !out.contains(nodeName)) {
            out.add(nodeName);
        }
        if (ref != null && "Node".equals(ref.getKind()) && ref.getName() != null && !out.contains(ref.getName())) {
            out.add(ref.getName());
        }
    }

    private static void addPod(List<String> out, ObjectReference ref) {
        if (ref != null && "Pod".equals(ref.getKind()) && ref.getName() != null) {
            String k = key(ref.getNamespace(), ref.getName());
            if (!out.contains(k)) {
                out.add(k);
            }
        }
    }
}
