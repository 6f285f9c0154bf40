package io.ignis.discovery.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ignis.config.KubernetesSdConfig.AttachMetadata;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden file under {@code golden/}: a role, optional {@code attach} flags, Kubernetes objects as manifests,
 * and the groups Prometheus produces for the role's objects.
 */
record GoldenCase(String name, String role, AttachMetadata attach, List<HasMetadata> objects, List<TargetGroup> want) {
    static final List<String> FILES = List.of("pod-multiport", "pod-init-container", "pod-node-metadata",
            "pod-deployment-metadata", "pod-cronjob-metadata", "node", "service", "service-namespace-metadata",
            "ingress", "endpoints-service", "endpoints-sidecar", "endpointslice", "endpointslice-service-pod",
            "endpointslice-dual-stack");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    @Override
    public String toString() {
        return name;
    }

    static GoldenCase load(String name) {
        JsonNode root;
        try (InputStream in = GoldenCase.class.getResourceAsStream("golden/" + name + ".yml")) {
            if (in == null) {
                throw new IllegalArgumentException("missing golden/" + name + ".yml");
            }
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode a = root.path("attach");
        AttachMetadata attach = new AttachMetadata(a.path("node").asBoolean(), a.path("namespace").asBoolean(),
                a.path("deployment").asBoolean(), a.path("job").asBoolean(), a.path("cronjob").asBoolean());
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode o : root.path("objects")) {
            try {
                objects.add(KUBE.unmarshal(JSON.writeValueAsString(o)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<TargetGroup> want = new ArrayList<>();
        for (JsonNode g : root.path("want")) {
            List<Map<String, String>> targets = new ArrayList<>();
            for (JsonNode t : g.path("targets")) {
                targets.add(strings(t));
            }
            want.add(new TargetGroup(g.path("source").asText(), targets, strings(g.path("labels"))));
        }
        return new GoldenCase(name, root.path("role").asText(), attach, objects, want);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    /** The Kubernetes kind the role discovers. */
    String primaryKind() {
        return switch (role) {
            case "node" -> "Node";
            case "pod" -> "Pod";
            case "service" -> "Service";
            case "ingress" -> "Ingress";
            case "endpoints" -> "Endpoints";
            case "endpointslice" -> "EndpointSlice";
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** The wanted groups that have targets: a discoverer's sink drops the others (they only remove a source). */
    List<TargetGroup> wantWithTargets() {
        return want.stream().filter(g -> !g.targets().isEmpty()).toList();
    }

    List<HasMetadata> primaries() {
        return objects.stream().filter(o -> o.getKind().equals(primaryKind())).toList();
    }
}
