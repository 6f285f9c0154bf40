package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Role {@code service}: one target per service port, addressed by the service's DNS name, as service.go. */
final class ServiceTargets {
    private static final String SERVICE_PREFIX = MetaLabels.PREFIX + "service_";

    private ServiceTargets() {
    }

    static String source(String namespace, String name) {
        return "svc/" + namespace + "/" + name;
    }

    /** Namespace, name, labels and annotations of a service; endpoints roles merge these into their groups. */
    static Map<String, String> serviceLabels(Service svc) {
        Map<String, String> ls = new HashMap<>();
        ls.put(MetaLabels.NAMESPACE, MetaLabels.orEmpty(svc.getMetadata().getNamespace()));
        MetaLabels.addObjectMeta(ls, svc.getMetadata(), "service");
        return ls;
    }

    static TargetGroup build(Service svc, ObjectLookup lookup, AttachMetadata attach) {
        String ns = MetaLabels.orEmpty(svc.getMetadata().getNamespace());
        String name = MetaLabels.orEmpty(svc.getMetadata().getName());
        Map<String, String> labels = serviceLabels(svc);
        if (attach.namespace()) {
            MetaLabels.addNamespace(labels, lookup, ns);
        }
        String type = svc.getSpec() == null ? "" : MetaLabels.orEmpty(svc.getSpec().getType());
        List<Map<String, String>> targets = new ArrayList<>();
        List<ServicePort> ports = svc.getSpec() == null ? List.of() : MetaLabels.orEmpty(svc.getSpec().getPorts());
        for (ServicePort port : ports) {
            int number = port.getPort() == null ? 0 : port.getPort();
            Map<String, String> t = new HashMap<>();
            t.put(TargetGroup.ADDRESS_LABEL, MetaLabels.joinHostPort(name + "." + ns + ".svc", number));
            t.put(SERVICE_PREFIX + "port_name", MetaLabels.orEmpty(port.getName()));
            t.put(SERVICE_PREFIX + "port_number", Integer.toString(number));
            t.put(SERVICE_PREFIX + "port_protocol", MetaLabels.orEmpty(port.getProtocol()));
            t.put(SERVICE_PREFIX + "type", type);
            if (type.equals("ExternalName")) {
                t.put(SERVICE_PREFIX + "external_name", MetaLabels.orEmpty(svc.getSpec().getExternalName()));
            } else {
                t.put(SERVICE_PREFIX + "cluster_ip", MetaLabels.orEmpty(svc.getSpec().getClusterIP()));
            }
            if (type.equals("LoadBalancer")) {
                t.put(SERVICE_PREFIX + "loadbalancer_ip", loadBalancerIps(svc));
            }
            targets.add(t);
        }
        return new TargetGroup(source(ns, name), targets, labels);
    }

    private static String loadBalancerIps(Service svc) {
        List<String> ips = new ArrayList<>();
        if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null) {
            for (LoadBalancerIngress ing : MetaLabels.orEmpty(svc.getStatus().getLoadBalancer().getIngress())) {
                if (ing.getIp() != null && !ing.getIp().isEmpty()) {
                    ips.add(ing.getIp());
                }
            }
        }
        return ips.isEmpty() ? MetaLabels.orEmpty(svc.getSpec().getLoadBalancerIP()) : String.join(",", ips);
    }
}
