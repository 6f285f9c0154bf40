package io.ignis.config;

import java.util.Locale;

/** The relabel actions, named in YAML by their lowercase names. */
public enum RelabelAction {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

    /** The name used in YAML. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action for a YAML name, case-insensitively as Prometheus reads it, or null. */
    public static RelabelAction fromYaml(String name) {
        for (RelabelAction a : values()) {
            if (a.yamlName().equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return null;
    }
}
