package io.ignis.scrape.relabel;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.ignis.config.LabelNames;
import io.ignis.config.RelabelConfig;
import io.ignis.config.RelabelRegex;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compiled list of relabel configs, applied in order as Prometheus's {@code relabel.Process}: the first rule
 * that drops the label set ends processing. Immutable and thread-safe; each call allocates its own working map,
 * so callers apply it once per new series or target, never per sample.
 */
public final class Relabeler {
    /** The empty list: keeps every label set unchanged. */
    public static final Relabeler NONE = new Relabeler(List.of(), LabelNames.UTF8);

    private final List<RelabelConfig> configs;
    private final Map<String, Integer>[] namedGroups;
    private final String nameValidationScheme;

    @SuppressWarnings("unchecked")
    private Relabeler(List<RelabelConfig> configs, String nameValidationScheme) {
        this.configs = List.copyOf(configs);
        this.nameValidationScheme = nameValidationScheme;
        this.namedGroups = new Map[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            namedGroups[i] = configs.get(i).regex().pattern().namedGroups();
        }
    }

    /**
     * @param nameValidationScheme {@code utf8} or {@code legacy}: which target label names {@code replace} may
     *     create (an invalid expanded name leaves the labels unchanged, as in Prometheus)
     */
    public static Relabeler compile(List<RelabelConfig> configs, String nameValidationScheme) {
        Objects.requireNonNull(configs, "configs");
        return configs.isEmpty() && LabelNames.UTF8.equals(nameValidationScheme) ? NONE
                : new Relabeler(configs, nameValidationScheme);
    }

    public boolean isEmpty() {
        return configs.isEmpty();
    }

    /** The relabeled labels, or null when a rule dropped them. Returns {@code in} itself when there are no rules. */
    public Labels process(Labels in) {
        if (configs.isEmpty()) {
            return in;
        }
        TreeMap<String, String> lb = new TreeMap<>(in.toMap());
        if (!process(lb)) {
            return null;
        }
        LabelsBuilder b = new LabelsBuilder();
        lb.forEach(b::set);
        return b.build();
    }

    /** Applies the rules to a mutable sorted label map; false when a rule dropped it. */
    public boolean process(TreeMap<String, String> lb) {
        for (int i = 0; i < configs.size(); i++) {
            if (!apply(configs.get(i), namedGroups[i], lb)) {
                return false;
            }
        }
        return true;
    }

    private boolean apply(RelabelConfig cfg, Map<String, Integer> groups, TreeMap<String, String> lb) {
        String val = sourceValue(cfg, lb);
        Pattern regex = cfg.regex().pattern();
        switch (cfg.action()) {
            case DROP -> {
                return !regex.matches(val);
            }
            case KEEP -> {
                return regex.matches(val);
            }
            case DROPEQUAL -> {
                return !get(lb, cfg.targetLabel()).equals(val);
            }
            case KEEPEQUAL -> {
                return get(lb, cfg.targetLabel()).equals(val);
            }
            case REPLACE -> replace(cfg, groups, val, lb);
            case LOWERCASE -> set(lb, cfg.targetLabel(), val.toLowerCase(Locale.ROOT));
            case UPPERCASE -> set(lb, cfg.targetLabel(), val.toUpperCase(Locale.ROOT));
            case HASHMOD -> set(lb, cfg.targetLabel(), Long.toUnsignedString(hashMod(val, cfg.modulus())));
            case LABELMAP -> labelMap(cfg, groups, lb);
            case LABELDROP -> lb.keySet().removeIf(name -> regex.matches(name));
            case LABELKEEP -> lb.keySet().removeIf(name -> !regex.matches(name));
            default -> throw new IllegalStateException("bug: unknown relabel action " + cfg.action());
        }
        return true;
    }

    private void replace(RelabelConfig cfg, Map<String, Integer> groups, String val, TreeMap<String, String> lb) {
        // As Prometheus: with the default regex and no variables, an empty source just sets (or deletes) the label.
        if (val.isEmpty() && cfg.regex().equals(RelabelRegex.DEFAULT)
                && !RegexTemplate.hasVariable(cfg.targetLabel()) && !RegexTemplate.hasVariable(cfg.replacement())) {
            set(lb, cfg.targetLabel(), cfg.replacement());
            return;
        }
        Matcher m = cfg.regex().pattern().matcher(val);
        if (!m.matches()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        RegexTemplate.expand(sb, cfg.targetLabel(), m, groups);
        String target = sb.toString();
        if (!LabelNames.isValidLabelName(target, nameValidationScheme)) {
            return;
        }
        sb.setLength(0);
        RegexTemplate.expand(sb, cfg.replacement(), m, groups);
        set(lb, target, sb.toString());
    }

    private static void labelMap(RelabelConfig cfg, Map<String, Integer> groups, TreeMap<String, String> lb) {
        // Iterate over a copy: names set here must not be visited again, as with Go's Builder.Range.
        List<Map.Entry<String, String>> snapshot = new ArrayList<>(lb.entrySet());
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> l : snapshot) {
            Matcher m = cfg.regex().pattern().matcher(l.getKey());
            if (m.matches()) {
                sb.setLength(0);
                RegexTemplate.expand(sb, cfg.replacement(), m, groups);
                set(lb, sb.toString(), l.getValue());
            }
        }
    }

    private static String sourceValue(RelabelConfig cfg, TreeMap<String, String> lb) {
        List<String> names = cfg.sourceLabels();
        if (names.size() == 1) {
            return get(lb, names.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(cfg.separator());
            }
            sb.append(get(lb, names.get(i)));
        }
        return sb.toString();
    }

    /** As Prometheus: the last 8 bytes of the MD5 of the value, big-endian, modulo the modulus (unsigned). */
    static long hashMod(String val, long modulus) {
        byte[] md5;
        try {
            md5 = MessageDigest.getInstance("MD5").digest(val.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: the JDK always has MD5", e);
        }
        long h = 0;
        for (int i = 8; i < 16; i++) {
            h = (h << 8) | (md5[i] & 0xff);
        }
        return Long.remainderUnsigned(h, modulus);
    }

    private static String get(TreeMap<String, String> lb, String name) {
        String v = lb.get(name);
        return v == null ? "" : v;
    }

    /** An empty value deletes, as in Prometheus's labels.Builder. */
    private static void set(TreeMap<String, String> lb, String name, String value) {
        if (value.isEmpty()) {
            lb.remove(name);
        } else {
            lb.put(name, value);
        }
    }

    @Override
    public String toString() {
        return "Relabeler" + configs;
    }
}
