package io.ignis.discovery.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a file_sd file: a list of {@code {targets: [...], labels: {...}}}, strict like Prometheus (unknown keys
 * and null items are errors). Each group gets source {@code <path>:<index>} and label {@code __meta_filepath}.
 */
final class TargetGroupFile {
    static final String FILEPATH_LABEL = "__meta_filepath";

    // Duplicate keys are errors, as in Go's yaml.UnmarshalStrict.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TargetGroupFile() {
    }

    /** Whether the name ends in an extension file SD reads (.json, .yml, .yaml in any case). */
    static boolean isSupported(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yml") || lower.endsWith(".yaml");
    }

    /** @throws IllegalArgumentException naming the problem and where it is */
    static List<TargetGroup> parse(String path, byte[] content) {
        boolean json = path.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + location(e), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a list of target groups, got " + root.getNodeType());
        }
        List<TargetGroup> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(group(path, i, root.get(i), json));
        }
        return out;
    }

    private static TargetGroup group(String path, int i, JsonNode node, boolean json) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("nil target group item found");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("target group " + i + ": expected an object, got " + node.getNodeType());
        }
        List<Map<String, String>> targets = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "targets" -> targets(i, f.getValue(), json, targets);
                case "labels" -> labels(i, f.getValue(), json, labels);
                default -> throw new IllegalArgumentException(
                        "target group " + i + ": unknown field \"" + f.getKey() + "\"");
            }
        }
        labels.put(FILEPATH_LABEL, path);
        return new TargetGroup(path + ":" + i, targets, labels);
    }

    private static void targets(int i, JsonNode node, boolean json, List<Map<String, String>> out) {
        if (node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("target group " + i + ": targets must be a list of strings");
        }
        for (JsonNode t : node) {
            out.add(Map.of(TargetGroup.ADDRESS_LABEL, scalar(i, "targets", t, json)));
        }
    }

    private static void labels(int i, JsonNode node, boolean json, Map<String, String> out) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("target group " + i + ": labels must be a map of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> l = it.next();
            if (l.getKey().isEmpty()) {
                throw new IllegalArgumentException("target group " + i + ": invalid label name \"\"");
            }
            out.put(l.getKey(), scalar(i, "label " + l.getKey(), l.getValue(), json));
        }
    }

    // JSON wants strings, as Go's decoder into a string; YAML, like Go's yaml.v2, takes any scalar as its text.
    private static String scalar(int i, String what, JsonNode v, boolean json) {
        if (v.isTextual() || (!json && v.isValueNode() && !v.isNull())) {
            return v.asText();
        }
        throw new IllegalArgumentException("target group " + i + ": " + what + ": expected a string, got "
                + v.getNodeType());
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
