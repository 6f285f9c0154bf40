package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Role {@code pod}: one target per container port (or per container without ports), as Prometheus's pod.go. */
final class PodTargets {
    static final String POD_PREFIX = MetaLabels.PREFIX + "pod_";
    static final String CONTAINER_NAME = POD_PREFIX + "container_name";
    static final String CONTAINER_ID = POD_PREFIX + "container_id";
    static final String CONTAINER_IMAGE = POD_PREFIX + "container_image";
    static final String CONTAINER_PORT_NAME = POD_PREFIX + "container_port_name";
    static final String CONTAINER_PORT_NUMBER = POD_PREFIX + "container_port_number";
    static final String CONTAINER_PORT_PROTOCOL = POD_PREFIX + "container_port_protocol";
    static final String CONTAINER_INIT = POD_PREFIX + "container_init";

    private PodTargets() {
    }

    static String source(String namespace, String name) {
        return "pod/" + namespace + "/" + name;
    }

    /**
     * The pod's group: empty while the pod has no IP, or, with node metadata attached, while its node is unknown.
     */
    static TargetGroup build(Pod pod, ObjectLookup lookup, AttachMetadata attach) {
        String ns = MetaLabels.orEmpty(pod.getMetadata().getNamespace());
        String source = source(ns, MetaLabels.orEmpty(pod.getMetadata().getName()));
        String podIp = pod.getStatus() == null ? "" : MetaLabels.orEmpty(pod.getStatus().getPodIP());
        if (podIp.isEmpty()) {
            return TargetGroup.empty(source);
        }
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (attach.node() && lookup.node(MetaLabels.orEmpty(nodeName)) == null) {
            return TargetGroup.empty(source);
        }
        Map<String, String> labels = podLabels(pod, lookup, attach);
        labels.put(MetaLabels.NAMESPACE, ns);
        if (attach.node()) {
            MetaLabels.addNode(labels, lookup, MetaLabels.orEmpty(nodeName));
        }
        if (attach.namespace()) {
            MetaLabels.addNamespace(labels, lookup, ns);
        }
        List<Map<String, String>> targets = new ArrayList<>();
        List<Container> containers = containers(pod);
        int regular = regularCount(pod);
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            boolean isInit = i >= regular;
            String id = containerId(pod, c.getName(), isInit);
            List<ContainerPort> ports = MetaLabels.orEmpty(c.getPorts());
            if (ports.isEmpty()) {
                Map<String, String> t = new HashMap<>();
                t.put(TargetGroup.ADDRESS_LABEL, podIp);
                t.put(CONTAINER_NAME, MetaLabels.orEmpty(c.getName()));
                t.put(CONTAINER_ID, id);
                t.put(CONTAINER_IMAGE, MetaLabels.orEmpty(c.getImage()));
                t.put(CONTAINER_INIT, Boolean.toString(isInit));
                targets.add(t);
                continue;
            }
            for (ContainerPort port : ports) {
                String number = Integer.toString(port.getContainerPort() == null ? 0 : port.getContainerPort());
                Map<String, String> t = new HashMap<>();
                t.put(TargetGroup.ADDRESS_LABEL, MetaLabels.joinHostPort(podIp, Long.parseLong(number)));
                t.put(CONTAINER_NAME, MetaLabels.orEmpty(c.getName()));
                t.put(CONTAINER_ID, id);
                t.put(CONTAINER_IMAGE, MetaLabels.orEmpty(c.getImage()));
                t.put(CONTAINER_PORT_NUMBER, number);
                t.put(CONTAINER_PORT_NAME, MetaLabels.orEmpty(port.getName()));
                t.put(CONTAINER_PORT_PROTOCOL, MetaLabels.orEmpty(port.getProtocol()));
                t.put(CONTAINER_INIT, Boolean.toString(isInit));
                targets.add(t);
            }
        }
        return new TargetGroup(source, targets, labels);
    }

    /** Regular containers, then init containers, as Prometheus iterates them. */
    static List<Container> containers(Pod pod) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec() != null) {
            all.addAll(MetaLabels.orEmpty(pod.getSpec().getContainers()));
            all.addAll(MetaLabels.orEmpty(pod.getSpec().getInitContainers()));
        }
        return all;
    }

    static int regularCount(Pod pod) {
        return pod.getSpec() == null ? 0 : MetaLabels.orEmpty(pod.getSpec().getContainers()).size();
    }

    /** The pod-level labels, shared with the endpoints and endpointslice roles. */
    static Map<String, String> podLabels(Pod pod, ObjectLookup lookup, AttachMetadata attach) {
        Map<String, String> ls = new HashMap<>();
        var status = pod.getStatus();
        ls.put(POD_PREFIX + "ip", status == null ? "" : MetaLabels.orEmpty(status.getPodIP()));
        ls.put(POD_PREFIX + "ready", ready(pod));
        ls.put(POD_PREFIX + "phase", status == null ? "" : MetaLabels.orEmpty(status.getPhase()));
        ls.put(POD_PREFIX + "node_name", pod.getSpec() == null ? "" : MetaLabels.orEmpty(pod.getSpec().getNodeName()));
        ls.put(POD_PREFIX + "host_ip", status == null ? "" : MetaLabels.orEmpty(status.getHostIP()));
        ls.put(POD_PREFIX + "uid", MetaLabels.orEmpty(pod.getMetadata().getUid()));
        MetaLabels.addObjectMeta(ls, pod.getMetadata(), "pod");
        OwnerReference createdBy = MetaLabels.controllerOf(pod.getMetadata());
        if (createdBy == null) {
            return ls;
        }
        String kind = MetaLabels.orEmpty(createdBy.getKind());
        String name = MetaLabels.orEmpty(createdBy.getName());
        if (!kind.isEmpty()) {
            ls.put(POD_PREFIX + "controller_kind", kind);
        }
        if (!name.isEmpty()) {
            ls.put(POD_PREFIX + "controller_name", name);
        }
        String ns = MetaLabels.orEmpty(pod.getMetadata().getNamespace());
        if (kind.equals("ReplicaSet") && attach.deployment()) {
            ReplicaSet rs = lookup.replicaSet(ns, name);
            OwnerReference owner = rs == null ? null : MetaLabels.controllerOf(rs.getMetadata());
            if (owner != null && "Deployment".equals(owner.getKind())) {
                ls.put(POD_PREFIX + "deployment_name", MetaLabels.orEmpty(owner.getName()));
            }
        } else if (kind.equals("Job")) {
            if (attach.job()) {
                ls.put(POD_PREFIX + "job_name", name);
            }
            if (attach.cronjob()) {
                Job job = lookup.job(ns, name);
                OwnerReference owner = job == null ? null : MetaLabels.controllerOf(job.getMetadata());
                if (owner != null && "CronJob".equals(owner.getKind())) {
                    ls.put(POD_PREFIX + "cronjob_name", MetaLabels.orEmpty(owner.getName()));
                }
            }
        }
        return ls;
    }

    private static String ready(Pod pod) {
        if (pod.getStatus() != null) {
            for (PodCondition c : MetaLabels.orEmpty(pod.getStatus().getConditions())) {
                if ("Ready".equals(c.getType())) {
                    return MetaLabels.orEmpty(c.getStatus()).toLowerCase(Locale.ROOT);
                }
            }
        }
        return "unknown";
    }

    private static String containerId(Pod pod, String name, boolean isInit) {
        if (pod.getStatus() == null) {
            return "";
        }
        List<ContainerStatus> statuses = isInit ? pod.getStatus().getInitContainerStatuses()
                : pod.getStatus().getContainerStatuses();
        for (ContainerStatus s : MetaLabels.orEmpty(statuses)) {
            if (s.getName() != null && s.getName().equals(name)) {
                return MetaLabels.orEmpty(s.getContainerID());
            }
        }
        return "";
    }
}
