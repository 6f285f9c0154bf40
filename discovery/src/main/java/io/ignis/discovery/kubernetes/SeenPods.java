package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods an endpoints object points at, with the ports it names for each: the endpoints roles add a target for
 * every other declared container port of those pods, as Prometheus does, so that sidecar ports are scraped too.
 */
final class SeenPods {
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> ports = new HashMap<>();

    void add(Pod pod, Integer port) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        pods.putIfAbsent(key, pod);
        Set<Integer> seen = ports.computeIfAbsent(key, k -> new HashSet<>());
        if (port != null) {
            seen.add(port);
        }
    }

    /** Fills in the container-port labels for the container port matching {@code port}, if any. */
    static void addContainerLabels(Map<String, String> target, Pod pod, Integer port, String protocol) {
        if (port == null) {
            return;
        }
        List<Container> containers = PodTargets.containers(pod);
        int regular = PodTargets.regularCount(pod);
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            for (ContainerPort cport : MetaLabels.orEmpty(c.getPorts())) {
                if (port.equals(cport.getContainerPort())) {
                    target.put(PodTargets.CONTAINER_NAME, MetaLabels.orEmpty(c.getName()));
                    target.put(PodTargets.CONTAINER_IMAGE, MetaLabels.orEmpty(c.getImage()));
                    target.put(PodTargets.CONTAINER_PORT_NAME, MetaLabels.orEmpty(cport.getName()));
                    target.put(PodTargets.CONTAINER_PORT_NUMBER, Integer.toString(port));
                    target.put(PodTargets.CONTAINER_PORT_PROTOCOL,
                            protocol != null ? protocol : MetaLabels.orEmpty(cport.getProtocol()));
                    target.put(PodTargets.CONTAINER_INIT, Boolean.toString(i >= regular));
                    return;
                }
            }
        }
    }

    /** Targets for the container ports of the seen pods that no endpoint port named. */
    void addUnseenPortTargets(List<Map<String, String>> targets, ObjectLookup lookup, AttachMetadata attach) {
        for (Map.Entry<String, Pod> e : pods.entrySet()) {
            Pod pod = e.getValue();
            String podIp = pod.getStatus() == null ? "" : MetaLabels.orEmpty(pod.getStatus().getPodIP());
            if (podIp.isEmpty()) {
                continue;
            }
            Set<Integer> seen = ports.get(e.getKey());
            List<Container> containers = PodTargets.containers(pod);
            int regular = PodTargets.regularCount(pod);
            for (int i = 0; i < containers.size(); i++) {
                Container c = containers.get(i);
                for (ContainerPort cport : MetaLabels.orEmpty(c.getPorts())) {
                    int number = cport.getContainerPort() == null ? 0 : cport.getContainerPort();
                    if (seen.contains(number)) {
                        continue;
                    }
                    Map<String, String> t = new HashMap<>();
                    t.put(TargetGroup.ADDRESS_LABEL, MetaLabels.joinHostPort(podIp, number));
                    t.put(PodTargets.CONTAINER_NAME, MetaLabels.orEmpty(c.getName()));
                    t.put(PodTargets.CONTAINER_IMAGE, MetaLabels.orEmpty(c.getImage()));
                    t.put(PodTargets.CONTAINER_PORT_NAME, MetaLabels.orEmpty(cport.getName()));
                    t.put(PodTargets.CONTAINER_PORT_NUMBER, Integer.toString(number));
                    t.put(PodTargets.CONTAINER_PORT_PROTOCOL, MetaLabels.orEmpty(cport.getProtocol()));
                    t.put(PodTargets.CONTAINER_INIT, Boolean.toString(i >= regular));
                    t.putAll(PodTargets.podLabels(pod, lookup, attach));
                    targets.add(t);
                }
            }
        }
    }
}
