package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;

/** The role table: which builder and which source name each role uses. */
final class Roles {
    private Roles() {
    }

    /** The group source of an object of the role; namespace is ignored for nodes. */
    static String source(String role, String namespace, String name) {
        return switch (role) {
            case "node" -> NodeTargets.source(name);
            case "pod" -> PodTargets.source(namespace, name);
            case "service" -> ServiceTargets.source(namespace, name);
            case "ingress" -> IngressTargets.source(namespace, name);
            case "endpoints" -> EndpointsTargets.source(namespace, name);
            case "endpointslice" -> EndpointSliceTargets.source(namespace, name);
            default -> throw new IllegalArgumentException("unknown Kubernetes SD role \"" + role + "\"");
        };
    }

    /** The group of one object of the role's kind; null means "send nothing" (a node without address). */
    static TargetGroup build(String role, HasMetadata obj, ObjectLookup lookup, AttachMetadata attach) {
        return switch (role) {
            case "node" -> NodeTargets.build((Node) obj);
            case "pod" -> PodTargets.build((Pod) obj, lookup, attach);
            case "service" -> ServiceTargets.build((Service) obj, lookup, attach);
            case "ingress" -> IngressTargets.build((Ingress) obj, lookup, attach);
            case "endpoints" -> EndpointsTargets.build((Endpoints) obj, lookup, attach);
            case "endpointslice" -> EndpointSliceTargets.build((EndpointSlice) obj, lookup, attach);
            default -> throw new IllegalArgumentException("unknown Kubernetes SD role \"" + role + "\"");
        };
    }
}
