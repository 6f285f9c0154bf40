package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Role {@code ingress}: one target per rule and path, scheme https when a TLS host matches, as ingress.go. */
final class IngressTargets {
    private static final String INGRESS_PREFIX = MetaLabels.PREFIX + "ingress_";

    private IngressTargets() {
    }

    static String source(String namespace, String name) {
        return "ingress/" + namespace + "/" + name;
    }

    static TargetGroup build(Ingress ingress, ObjectLookup lookup, AttachMetadata attach) {
        String ns = MetaLabels.orEmpty(ingress.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>();
        labels.put(MetaLabels.NAMESPACE, ns);
        if (ingress.getSpec() != null && ingress.getSpec().getIngressClassName() != null) {
            labels.put(INGRESS_PREFIX + "class_name", ingress.getSpec().getIngressClassName());
        }
        MetaLabels.addObjectMeta(labels, ingress.getMetadata(), "ingress");
        if (attach.namespace()) {
            MetaLabels.addNamespace(labels, lookup, ns);
        }
        List<String> tlsHosts = new ArrayList<>();
        List<IngressRule> rules = List.of();
        if (ingress.getSpec() != null) {
            for (IngressTLS tls : MetaLabels.orEmpty(ingress.getSpec().getTls())) {
                tlsHosts.addAll(MetaLabels.orEmpty(tls.getHosts()));
            }
            rules = MetaLabels.orEmpty(ingress.getSpec().getRules());
        }
        List<Map<String, String>> targets = new ArrayList<>();
        for (IngressRule rule : rules) {
            String host = MetaLabels.orEmpty(rule.getHost());
            String scheme = "http";
            for (String pattern : tlsHosts) {
                if (matchesHostnamePattern(pattern, host)) {
                    scheme = "https";
                    break;
                }
            }
            for (String path : paths(rule)) {
                Map<String, String> t = new HashMap<>();
                t.put(TargetGroup.ADDRESS_LABEL, host);
                t.put(INGRESS_PREFIX + "scheme", scheme);
                t.put(INGRESS_PREFIX + "host", host);
                t.put(INGRESS_PREFIX + "path", path);
                targets.add(t);
            }
        }
        return new TargetGroup(source(ns, MetaLabels.orEmpty(ingress.getMetadata().getName())), targets, labels);
    }

    // A rule without an http block yields the single path "/"; empty paths also mean "/".
    private static List<String> paths(IngressRule rule) {
        if (rule.getHttp() == null) {
            return List.of("/");
        }
        List<String> out = new ArrayList<>();
        for (HTTPIngressPath p : MetaLabels.orEmpty(rule.getHttp().getPaths())) {
            String path = MetaLabels.orEmpty(p.getPath());
            out.add(path.isEmpty() ? "/" : path);
        }
        return out;
    }

    /** A TLS host matches exactly, or as a wildcard {@code *.example.com} over exactly one leading label. */
    static boolean matchesHostnamePattern(String pattern, String host) {
        if (pattern.equals(host)) {
            return true;
        }
        String[] patternParts = pattern.split("\\.", -1);
        String[] hostParts = host.split("\\.", -1);
        if (!patternParts[0].equals("*") || patternParts.length != hostParts.length) {
            return false;
        }
        for (int i = 1; i < patternParts.length; i++) {
            if (!patternParts[i].equals(hostParts[i])) {
                return false;
            }
        }
        return true;
    }
}
