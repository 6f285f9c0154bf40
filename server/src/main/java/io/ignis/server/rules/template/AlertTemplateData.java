package io.ignis.server.rules.template;

import java.util.Map;

/**
 * The data alert templates run against, as Prometheus's {@code AlertTemplateData}: {@code .Labels},
 * {@code .ExternalLabels}, {@code .ExternalURL} and {@code .Value}; the expander binds them to
 * {@code $labels}, {@code $externalLabels}, {@code $externalURL} and {@code $value}.
 */
public record AlertTemplateData(StringMap labels, StringMap externalLabels, String externalURL, Object value)
        implements GoValue {
    public static AlertTemplateData of(Map<String, String> labels, Map<String, String> externalLabels,
            String externalURL, double value) {
        return new AlertTemplateData(new StringMap(labels), new StringMap(externalLabels), externalURL, value);
    }

    @Override
    public String typeName() {
        return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; "
                + "Value interface {} }";
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "ExternalLabels" -> externalLabels;
            case "ExternalURL" -> externalURL;
            case "Value" -> value;
            default -> MISSING;
        };
    }

    @Override
    public String goString() {
        return "{" + GoFormat.value(labels) + " " + GoFormat.value(externalLabels) + " " + externalURL + " "
                + GoFormat.value(value) + "}";
    }
}
