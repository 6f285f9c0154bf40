package io.ignis.config;

import com.google.re2j.Pattern;
import java.util.List;

/** Binds one {@code relabel_config} and validates it per action, as Prometheus's {@code relabel.Config} does. */
final class RelabelBinder {
    /** Prometheus's {@code relabelTargetLegacy}: a legacy label name in which {@code $1}/{@code ${1}} may appear. */
    private static final Pattern LEGACY_TARGET_WITH_VARS =
            Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");

    private RelabelBinder() {
    }

    /** The list under {@code key}; {@code nullMessage} is Prometheus's wording for a null element. */
    static List<RelabelConfig> list(FieldReader r, String key, String nullMessage, String scheme) {
        return r.objects(key, "relabel_config", nullMessage, c -> bind(c, scheme));
    }

    static RelabelConfig bind(FieldReader r, String scheme) {
        boolean sourceLabelsSet = r.present("source_labels");
        List<String> sourceLabels = r.strings("source_labels");
        for (int i = 0; i < sourceLabels.size(); i++) {
            if (!LabelNames.isValidLabelName(sourceLabels.get(i), LabelNames.UTF8)) {
                throw r.error("source_labels", "\"" + sourceLabels.get(i) + "\" is not a valid label name");
            }
        }
        String separator = r.string("separator", RelabelConfig.DEFAULT_SEPARATOR);
        // A present but null regex means the empty regex, as Prometheus decodes it.
        boolean regexSet = r.present("regex");
        RelabelRegex regex = RelabelRegex.DEFAULT;
        if (regexSet) {
            String text = r.string("regex", "");
            try {
                regex = RelabelRegex.compile(text);
            } catch (IllegalArgumentException e) {
                throw FieldReader.at(r.fileName(), r.node("regex").mark(), r.path("regex"), e.getMessage());
            }
        }
        long modulus = r.unsigned("modulus", 0);
        String targetLabel = r.string("target_label", "");
        String replacement = r.string("replacement", RelabelConfig.DEFAULT_REPLACEMENT);
        RelabelAction action = RelabelAction.REPLACE;
        if (r.present("action")) {
            String name = r.string("action", "");
            if (name.isEmpty()) {
                throw r.error("action", "relabel action cannot be empty");
            }
            action = RelabelAction.fromYaml(name);
            if (action == null) {
                throw FieldReader.at(r.fileName(), r.node("action").mark(), r.path("action"),
                        "unknown relabel action \"" + name + "\"");
            }
        }
        RelabelConfig c = new RelabelConfig(sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
        validate(r, c, scheme, sourceLabelsSet, regexSet);
        return c;
    }

    private static void validate(FieldReader r, RelabelConfig c, String scheme, boolean sourceLabelsSet,
            boolean regexSet) {
        RelabelAction a = c.action();
        String name = a.yamlName();
        if (c.modulus() == 0 && a == RelabelAction.HASHMOD) {
            throw r.error("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = switch (a) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        if (needsTarget && c.targetLabel().isEmpty()) {
            throw r.error("relabel configuration for " + name + " action requires 'target_label' value");
        }
        String target = c.targetLabel();
        boolean hasVar = target.contains("$");
        if (a == RelabelAction.REPLACE && !hasVar && !LabelNames.isValidLabelName(target, scheme)) {
            throw invalidTarget(r, c);
        }
        if (a == RelabelAction.REPLACE && hasVar && !isValidNameWithVars(target, scheme)) {
            throw invalidTarget(r, c);
        }
        boolean caseOrEqual = a == RelabelAction.LOWERCASE || a == RelabelAction.UPPERCASE
                || a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL;
        if (caseOrEqual && !LabelNames.isValidLabelName(target, scheme)) {
            throw invalidTarget(r, c);
        }
        if (caseOrEqual && !c.replacement().equals(RelabelConfig.DEFAULT_REPLACEMENT)) {
            throw r.error("replacement", "'replacement' can not be set for " + name + " action");
        }
        if (a == RelabelAction.LABELMAP && !isValidNameWithVars(c.replacement(), scheme)) {
            throw r.error("replacement", "\"" + c.replacement() + "\" is invalid 'replacement' for " + name
                    + " action");
        }
        if (a == RelabelAction.HASHMOD && !LabelNames.isValidLabelName(target, scheme)) {
            throw invalidTarget(r, c);
        }
        if (a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL) {
            if (regexSet || c.modulus() != 0 || !c.separator().equals(RelabelConfig.DEFAULT_SEPARATOR)
                    || !c.replacement().equals(RelabelConfig.DEFAULT_REPLACEMENT)) {
                throw r.error(name + " action requires only 'source_labels' and `target_label`, and no other fields");
            }
        }
        if (a == RelabelAction.LABELDROP || a == RelabelAction.LABELKEEP) {
            if (sourceLabelsSet || !target.isEmpty() || c.modulus() != 0
                    || !c.separator().equals(RelabelConfig.DEFAULT_SEPARATOR)
                    || !c.replacement().equals(RelabelConfig.DEFAULT_REPLACEMENT)) {
                throw r.error(name + " action requires only 'regex', and no other fields");
            }
        }
    }

    private static ConfigException invalidTarget(FieldReader r, RelabelConfig c) {
        return r.error("target_label", "\"" + c.targetLabel() + "\" is invalid 'target_label' for "
                + c.action().yamlName() + " action");
    }

    private static boolean isValidNameWithVars(String value, String scheme) {
        if (LabelNames.UTF8.equals(scheme)) {
            return LabelNames.isValidLabelName(value, scheme);
        }
        return LEGACY_TARGET_WITH_VARS.matcher(value).matches();
    }
}
