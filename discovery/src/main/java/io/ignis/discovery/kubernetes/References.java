package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which of the role's objects a change to another object touches: the links Prometheus keeps as informer indexes
 * (pods by node, endpoints by pod, ...), here as predicates over the cached objects.
 */
final class References {
    private References() {
    }

    /** Whether an Endpoints or EndpointSlice has an address on the node (by node name or Node reference). */
    static boolean onNode(Object o, Node n) {
        String name = n.getMetadata().getName();
        if (o instanceof Endpoints e) {
            for (EndpointSubset ss : MetaLabels.orEmpty(e.getSubsets())) {
                List<EndpointAddress> addrs = new ArrayList<>(MetaLabels.orEmpty(ss.getAddresses()));
                addrs.addAll(MetaLabels.orEmpty(ss.getNotReadyAddresses()));
                for (EndpointAddress a : addrs) {
                    if (name.equals(a.getNodeName()) || isRef(a.getTargetRef(), "Node", null, name)) {
                        return true;
                    }
                }
            }
        } else if (o instanceof EndpointSlice s) {
            for (Endpoint ep : MetaLabels.orEmpty(s.getEndpoints())) {
                if (name.equals(ep.getNodeName()) || isRef(ep.getTargetRef(), "Node", null, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an Endpoints or EndpointSlice has an address whose target is the pod. */
    static boolean pointsAt(Object o, Pod p) {
        String ns = p.getMetadata().getNamespace();
        String name = p.getMetadata().getName();
        if (o instanceof Endpoints e) {
            for (EndpointSubset ss : MetaLabels.orEmpty(e.getSubsets())) {
                List<EndpointAddress> addrs = new ArrayList<>(MetaLabels.orEmpty(ss.getAddresses()));
                addrs.addAll(MetaLabels.orEmpty(ss.getNotReadyAddresses()));
                for (EndpointAddress a : addrs) {
                    if (isRef(a.getTargetRef(), "Pod", ns, name)) {
                        return true;
                    }
                }
            }
        } else if (o instanceof EndpointSlice s) {
            for (Endpoint ep : MetaLabels.orEmpty(s.getEndpoints())) {
                if (isRef(ep.getTargetRef(), "Pod", ns, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isRef(ObjectReference ref, String kind, String namespace, String name) {
        return ref != null && kind.equals(ref.getKind()) && name.equals(ref.getName())
                && (namespace == null || namespace.equals(ref.getNamespace()));
    }

    /** Whether o lives in the namespace, given as a Namespace or as another object of that namespace. */
    static boolean inNamespace(HasMetadata o, HasMetadata namespaceOrObject) {
        String ns = namespaceOrObject instanceof Namespace ? namespaceOrObject.getMetadata().getName()
                : namespaceOrObject.getMetadata().getNamespace();
        return Objects.equals(o.getMetadata().getNamespace(), ns);
    }

    /** Whether the pod's controller is the given owner of that kind. */
    static boolean ownedBy(Pod p, String kind, HasMetadata owner) {
        OwnerReference ref = MetaLabels.controllerOf(p.getMetadata());
        return ref != null && kind.equals(ref.getKind()) && owner.getMetadata().getName().equals(ref.getName())
                && inNamespace(p, owner);
    }
}
