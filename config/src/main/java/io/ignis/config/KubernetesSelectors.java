package io.ignis.config;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Syntax checks for Kubernetes label and field selectors in {@code kubernetes_sd_configs.selectors}, as the
 * Kubernetes client parses them before Prometheus starts watching. Returns the reason, or null when valid.
 */
final class KubernetesSelectors {
    /** A qualified label key: optional DNS-subdomain prefix and a 63-character name. */
    private static final Pattern KEY = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");
    private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");

    private KubernetesSelectors() {
    }

    /** Field selectors: comma-separated {@code key=value}, {@code key==value} or {@code key!=value}. */
    static String checkField(String selector) {
        if (selector.isEmpty()) {
            return null;
        }
        for (String term : selector.split(",", -1)) {
            if (!term.contains("=")) {
                return "invalid selector: '" + selector + "'; can't understand '" + term + "'";
            }
        }
        return null;
    }

    /** Label selectors: {@code k}, {@code !k}, {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, ... */
    static String checkLabel(String selector) {
        if (selector.isBlank()) {
            return null;
        }
        for (String raw : splitTopLevel(selector)) {
            String term = raw.trim();
            String problem = checkRequirement(term);
            if (problem != null) {
                return "unable to parse requirement: " + problem;
            }
        }
        return null;
    }

    private static String checkRequirement(String term) {
        if (term.isEmpty()) {
            return "found '', expected: identifier";
        }
        var set = SET.matcher(term);
        if (set.matches()) {
            String problem = checkKey(set.group(1));
            if (problem != null) {
                return problem;
            }
            for (String v : set.group(3).split(",", -1)) {
                if (!VALUE.matcher(v.trim()).matches()) {
                    return "invalid label value: \"" + v.trim() + "\"";
                }
            }
            return null;
        }
        for (String op : new String[] {"!=", "==", "=", ">", "<"}) {
            int at = term.indexOf(op);
            if (at >= 0) {
                String problem = checkKey(term.substring(0, at).trim());
                if (problem != null) {
                    return problem;
                }
                String value = term.substring(at + op.length()).trim();
                if ((op.equals(">") || op.equals("<")) && !value.matches("-?[0-9]+")) {
                    return "for 'Gt', 'Lt' operators, the value must be an integer";
                }
                return VALUE.matcher(value).matches() ? null : "invalid label value: \"" + value + "\"";
            }
        }
        return checkKey(term.startsWith("!") ? term.substring(1).trim() : term);
    }

    private static String checkKey(String key) {
        return KEY.matcher(key).matches() ? null : "invalid label key \"" + key + "\"";
    }

    /** Splits on commas outside parentheses, so that set values stay with their requirement. */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
