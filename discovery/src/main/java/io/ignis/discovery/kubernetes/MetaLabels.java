package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.ignis.discovery.LabelNames;
import java.util.List;
import java.util.Map;

/** The label families every role shares, as Prometheus's kubernetes.go sets them. */
final class MetaLabels {
    static final String PREFIX = "__meta_kubernetes_";
    static final String NAMESPACE = PREFIX + "namespace";
    static final String PRESENT = "true";

    private MetaLabels() {
    }

    /** {@code <role>_name}, labels and annotations with their {@code *present_*} twins. */
    static void addObjectMeta(Map<String, String> ls, ObjectMeta meta, String role) {
        ls.put(PREFIX + role + "_name", orEmpty(meta.getName()));
        addLabelsAndAnnotations(ls, meta, role);
    }

    static void addLabelsAndAnnotations(Map<String, String> ls, ObjectMeta meta, String resource) {
        for (Map.Entry<String, String> e : orEmpty(meta.getLabels()).entrySet()) {
            String ln = LabelNames.sanitize(e.getKey());
            ls.put(PREFIX + resource + "_label_" + ln, orEmpty(e.getValue()));
            ls.put(PREFIX + resource + "_labelpresent_" + ln, PRESENT);
        }
        for (Map.Entry<String, String> e : orEmpty(meta.getAnnotations()).entrySet()) {
            String ln = LabelNames.sanitize(e.getKey());
            ls.put(PREFIX + resource + "_annotation_" + ln, orEmpty(e.getValue()));
            ls.put(PREFIX + resource + "_annotationpresent_" + ln, PRESENT);
        }
    }

    /** attach_metadata.namespace: the namespace's labels and annotations, if the namespace is known. */
    static void addNamespace(Map<String, String> ls, ObjectLookup lookup, String namespace) {
        Namespace ns = lookup.namespace(namespace);
        if (ns != null) {
            addLabelsAndAnnotations(ls, ns.getMetadata(), "namespace");
        }
    }

    /** attach_metadata.node: the node's name, labels and annotations, if the node is known. */
    static void addNode(Map<String, String> ls, ObjectLookup lookup, String nodeName) {
        if (nodeName == null) {
            return;
        }
        Node node = lookup.node(nodeName);
        if (node != null) {
            addObjectMeta(ls, node.getMetadata(), "node");
        }
    }

    /** Kubernetes's {@code metav1.GetControllerOf}: the owner reference marked as controller. */
    static OwnerReference controllerOf(ObjectMeta meta) {
        for (OwnerReference ref : orEmpty(meta.getOwnerReferences())) {
            if (Boolean.TRUE.equals(ref.getController())) {
                return ref;
            }
        }
        return null;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    static String joinHostPort(String host, long port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
