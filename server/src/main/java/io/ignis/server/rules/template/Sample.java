package io.ignis.server.rules.template;

/** Prometheus's template {@code *sample}: {@code .Labels} and {@code .Value} (a float or a histogram). */
record Sample(StringMap labels, Object value) implements GoValue {
    @Override
    public String typeName() {
        return "*template.sample";
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Labels" -> labels;
            case "Value" -> value;
            default -> MISSING;
        };
    }

    @Override
    public String goString() {
        return "&{" + GoFormat.value(labels) + " " + GoFormat.value(value) + "}";
    }
}
