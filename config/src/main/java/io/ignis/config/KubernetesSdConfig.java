package io.ignis.config;

import java.util.List;

/**
 * {@code kubernetes_sd_configs}. With neither {@code api_server} nor {@code kubeconfig_file} the in-cluster
 * configuration is used; role is one of node, pod, service, endpoints, endpointslice, ingress.
 */
public record KubernetesSdConfig(String apiServer, String role, String kubeconfigFile,
        HttpClientConfig httpClientConfig, Namespaces namespaces, List<Selector> selectors,
        AttachMetadata attachMetadata) {
    /** {@code namespaces}: names to watch, plus the pod's own namespace when {@code own_namespace}. */
    public record Namespaces(boolean ownNamespace, List<String> names) {
        public Namespaces {
            names = List.copyOf(names);
        }
    }

    /** One {@code selectors} entry: a label and/or field selector applied to one role. */
    public record Selector(String role, String label, String field) {
    }

    /** {@code attach_metadata}: which owning objects' metadata to attach to targets. */
    public record AttachMetadata(boolean node, boolean namespace, boolean deployment, boolean job,
            boolean cronjob) {
    }

    public KubernetesSdConfig {
        selectors = List.copyOf(selectors);
    }
}
