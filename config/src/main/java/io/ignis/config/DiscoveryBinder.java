package io.ignis.config;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds the SD blocks of a scrape or alertmanager config: static, file, DNS, EC2 and Kubernetes, each validated
 * as its Prometheus package does. Prometheus's other mechanisms are refused by name.
 */
final class DiscoveryBinder {
    /** Prometheus's {@code patFileSDName}. */
    private static final Pattern FILE_SD_NAME = Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");
    private static final List<String> UNSUPPORTED = List.of("azure_sd_configs", "consul_sd_configs",
            "digitalocean_sd_configs", "docker_sd_configs", "dockerswarm_sd_configs", "eureka_sd_configs",
            "gce_sd_configs", "hetzner_sd_configs", "http_sd_configs", "ionos_sd_configs", "kuma_sd_configs",
            "lightsail_sd_configs", "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs",
            "nomad_sd_configs", "oci_sd_configs", "openstack_sd_configs", "ovhcloud_sd_configs",
            "puppetdb_sd_configs", "scaleway_sd_configs", "serverset_sd_configs", "stackit_sd_configs",
            "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs", "outscale_sd_configs", "aws_sd_configs",
            "ecs_sd_configs", "msk_sd_configs", "rds_sd_configs", "elasticache_sd_configs");
    private static final List<String> ROLES = List.of("node", "pod", "service", "endpoints", "endpointslice",
            "ingress");
    private static final Map<String, List<String>> ALLOWED_SELECTORS = Map.of(
            "pod", List.of("pod", "node"),
            "service", List.of("service"),
            "endpointslice", List.of("pod", "service", "endpointslice"),
            "endpoints", List.of("pod", "service", "endpoints"),
            "node", List.of("node"),
            "ingress", List.of("ingress"));

    private DiscoveryBinder() {
    }

    static ServiceDiscoveryConfigs bind(FieldReader r) {
        for (String key : UNSUPPORTED) {
            r.reject(key, key + " is not supported by Ignis; supported: static_configs, file_sd_configs, "
                    + "dns_sd_configs, ec2_sd_configs, kubernetes_sd_configs");
        }
        return new ServiceDiscoveryConfigs(
                r.objects("static_configs", "static_config", nullSection("static_configs"),
                        DiscoveryBinder::staticConfig),
                r.objects("file_sd_configs", "file_sd_config", nullSection("file_sd_configs"), DiscoveryBinder::file),
                r.objects("dns_sd_configs", "dns_sd_config", nullSection("dns_sd_configs"), DiscoveryBinder::dns),
                r.objects("ec2_sd_configs", "ec2_sd_config", nullSection("ec2_sd_configs"), DiscoveryBinder::ec2),
                r.objects("kubernetes_sd_configs", "kubernetes_sd_config", nullSection("kubernetes_sd_configs"),
                        DiscoveryBinder::kubernetes));
    }

    private static String nullSection(String key) {
        return "empty or null section in " + key;
    }

    /** Rejects targets that look like URLs, as Prometheus does when no relabeling could fix them. */
    static void checkStaticTargets(FieldReader r, String key, ServiceDiscoveryConfigs sd) {
        for (StaticConfig group : sd.staticConfigs()) {
            for (String target : group.targets()) {
                if (target.contains("/")) {
                    throw r.error(key, "\"" + target + "\" is not a valid hostname");
                }
            }
        }
    }

    private static StaticConfig staticConfig(FieldReader r) {
        List<String> targets = r.strings("targets");
        Map<String, String> labels = r.stringMap("labels");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LabelNames.isValidLabelName(l.getKey(), LabelNames.UTF8)) {
                throw r.error("labels", "\"" + l.getKey() + "\" is not a valid label name");
            }
            if (!LabelNames.isValidLabelValue(l.getValue())) {
                throw r.error("labels", "\"" + l.getValue() + "\" is not a valid label value");
            }
        }
        return new StaticConfig(targets, labels);
    }

    private static FileSdConfig file(FieldReader r) {
        List<String> files = r.strings("files");
        FileSdConfig c = new FileSdConfig(files.stream().map(r::resolve).toList(),
                r.duration("refresh_interval", FileSdConfig.DEFAULT_REFRESH_INTERVAL));
        if (files.isEmpty()) {
            throw r.error("files", "file service discovery config must contain at least one path name");
        }
        for (String name : files) {
            if (!FILE_SD_NAME.matcher(name).matches()) {
                throw r.error("files", "path name \"" + name + "\" is not valid for file discovery");
            }
        }
        return c;
    }

    private static DnsSdConfig dns(FieldReader r) {
        DnsSdConfig c = new DnsSdConfig(r.strings("names"),
                r.duration("refresh_interval", DnsSdConfig.DEFAULT_REFRESH_INTERVAL),
                r.string("type", DnsSdConfig.DEFAULT_TYPE), (int) r.integer("port", 0));
        if (c.names().isEmpty()) {
            throw r.error("names", "DNS-SD config must contain at least one SRV record name");
        }
        switch (c.type().toUpperCase(Locale.ROOT)) {
            case "SRV" -> { }
            case "A", "AAAA", "MX", "NS" -> {
                if (c.port() == 0) {
                    throw r.error("port", "a port is required in DNS-SD configs for all record types except SRV");
                }
            }
            default -> throw r.error("type", "invalid DNS-SD records type " + c.type());
        }
        return c;
    }

    private static Ec2SdConfig ec2(FieldReader r) {
        String endpoint = r.string("endpoint", "");
        if (!endpoint.isEmpty()) {
            HttpConfigBinder.parseUrl(r, "endpoint", endpoint);
        }
        List<Ec2Filter> filters = r.objects("filters", "filter", null,
                f -> new Ec2Filter(f.string("name", ""), f.strings("values")));
        for (Ec2Filter f : filters) {
            if (f.values().isEmpty()) {
                throw r.error("filters", "EC2 SD configuration filter values cannot be empty");
            }
        }
        return new Ec2SdConfig(endpoint, r.string("region", ""), r.string("access_key", ""), r.secret("secret_key"),
                r.string("profile", ""), r.string("role_arn", ""), r.string("external_id", ""),
                r.duration("refresh_interval", Ec2SdConfig.DEFAULT_REFRESH_INTERVAL),
                (int) r.integer("port", Ec2SdConfig.DEFAULT_PORT), filters,
                HttpConfigBinder.bind(r, HttpClientConfig.DEFAULT));
    }

    private static KubernetesSdConfig kubernetes(FieldReader r) {
        String apiServer = r.string("api_server", "");
        if (!apiServer.isEmpty()) {
            HttpConfigBinder.parseUrl(r, "api_server", apiServer);
        }
        String role = r.string("role", "");
        if (!role.isEmpty() && !ROLES.contains(role)) {
            throw r.error("role", "unknown Kubernetes SD role \"" + role + "\"");
        }
        String kubeconfig = r.file("kubeconfig_file");
        KubernetesSdConfig.Namespaces namespaces = r.object("namespaces", "namespaces",
                n -> new KubernetesSdConfig.Namespaces(n.bool("own_namespace", false), n.strings("names")));
        List<KubernetesSdConfig.Selector> selectors = r.objects("selectors", "selector", null,
                s -> new KubernetesSdConfig.Selector(selectorRole(s), s.string("label", ""), s.string("field", "")));
        KubernetesSdConfig.AttachMetadata attach = r.object("attach_metadata", "attach_metadata",
                a -> new KubernetesSdConfig.AttachMetadata(a.bool("node", false), a.bool("namespace", false),
                        a.bool("deployment", false), a.bool("job", false), a.bool("cronjob", false)));
        HttpClientConfig http = HttpConfigBinder.bind(r, HttpClientConfig.DEFAULT);
        if (role.isEmpty()) {
            throw r.error("role", "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
        }
        if (!apiServer.isEmpty() && !kubeconfig.isEmpty()) {
            throw r.error("kubeconfig_file", "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }
        if (!kubeconfig.isEmpty() && !http.equals(HttpClientConfig.DEFAULT)) {
            throw r.error("kubeconfig_file",
                    "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        }
        if (apiServer.isEmpty() && !http.equals(HttpClientConfig.DEFAULT)) {
            throw r.error("to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }
        if (!apiServer.isEmpty() && namespaces.ownNamespace()) {
            throw r.error("namespaces", "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
        }
        if (!kubeconfig.isEmpty() && namespaces.ownNamespace()) {
            throw r.error("namespaces", "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
        }
        checkSelectors(r, role, selectors);
        return new KubernetesSdConfig(apiServer, role, kubeconfig, http, namespaces, selectors, attach);
    }

    private static String selectorRole(FieldReader s) {
        String role = s.string("role", "");
        if (!ROLES.contains(role)) {
            throw s.error("role", "unknown Kubernetes SD role \"" + role + "\"");
        }
        return role;
    }

    private static void checkSelectors(FieldReader r, String role, List<KubernetesSdConfig.Selector> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            KubernetesSdConfig.Selector s = selectors.get(i);
            for (int j = 0; j < i; j++) {
                if (selectors.get(j).role().equals(s.role())) {
                    throw r.error("selectors", "duplicated selector role: " + s.role());
                }
            }
            List<String> allowed = ALLOWED_SELECTORS.get(role);
            if (!allowed.contains(s.role())) {
                throw r.error("selectors", role + " role supports only " + String.join(", ", allowed) + " selectors");
            }
            String problem = KubernetesSelectors.checkField(s.field());
            if (problem == null) {
                problem = KubernetesSelectors.checkLabel(s.label());
            }
            if (problem != null) {
                throw r.error("selectors", problem);
            }
        }
    }
}
