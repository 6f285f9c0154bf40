package io.ignis.promql.functions;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Series;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code label_replace} and {@code label_join}: they work on whole series, not samples, so they rewrite the
 * labels of an evaluated matrix in place. The caller merges series that end up with equal label sets.
 */
public final class LabelFunctions {
    private LabelFunctions() {
    }

    /** Rewrites {@code m} as {@code label_replace(m, dst, repl, src, regex)}. */
    public static void labelReplace(Matrix m, String dst, String repl, String src, String regex) {
        Pattern p;
        try {
            p = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression in label_replace(): " + regex);
        }
        if (!isValidLabelName(dst)) {
            throw new IllegalArgumentException("invalid destination label name in label_replace(): " + dst);
        }
        for (Series s : m.series()) {
            String srcVal = s.labels().get(src);
            Matcher mt = p.matcher(srcVal);
            if (!mt.matches()) {
                continue;
            }
            String res = expand(repl, mt, p);
            s.setLabels(new LabelsBuilder(s.labels()).set(dst, res).build());
            if (dst.equals(Labels.METRIC_NAME)) {
                s.setDropName(false);
            }
        }
    }

    /** Rewrites {@code m} as {@code label_join(m, dst, sep, src...)}. */
    public static void labelJoin(Matrix m, String dst, String sep, List<String> srcs) {
        for (String src : srcs) {
            if (!isValidLabelName(src)) {
                throw new IllegalArgumentException("invalid source label name in label_join(): " + src);
            }
        }
        if (!isValidLabelName(dst)) {
            throw new IllegalArgumentException("invalid destination label name in label_join(): " + dst);
        }
        StringBuilder sb = new StringBuilder();
        for (Series s : m.series()) {
            sb.setLength(0);
            for (int i = 0; i < srcs.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(s.labels().get(srcs.get(i)));
            }
            s.setLabels(new LabelsBuilder(s.labels()).set(dst, sb.toString()).build());
            if (dst.equals(Labels.METRIC_NAME)) {
                s.setDropName(false);
            }
        }
    }

    /** Prometheus 3 accepts any non-empty valid UTF-8 label name. */
    public static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\uFFFD' || (Character.isSurrogate(c) && !validSurrogatePair(name, i))) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(name);
    }

    private static boolean validSurrogatePair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Go's Regexp.ExpandString: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
    static String expand(String template, Matcher m, Pattern p) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
                if (name.isEmpty() || !isWord(name)) {
                    out.append(c);
                    i++;
                    continue;
                }
            } else {
                end = i + 1;
                while (end < template.length() && isWordChar(template.charAt(end))) {
                    end++;
                }
                name = template.substring(i + 1, end);
                if (name.isEmpty()) {
                    out.append(c);
                    i++;
                    continue;
                }
            }
            out.append(group(m, p, name));
            i = end;
        }
        return out.toString();
    }

    private static String group(Matcher m, Pattern p, String name) {
        boolean numeric = true;
        for (int k = 0; k < name.length(); k++) {
            if (name.charAt(k) < '0' || name.charAt(k) > '9') {
                numeric = false;
                break;
            }
        }
        String g = null;
        if (numeric) {
            try {
                int idx = Integer.parseInt(name);
                if (idx <= m.groupCount()) {
                    g = m.group(idx);
                }
            } catch (NumberFormatException e) {
                return "";
            }
        } else {
            try {
                g = m.group(name);
            } catch (IllegalArgumentException e) {
                g = null;
            }
        }
        return g == null ? "" : g;
    }

    private static boolean isWord(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!isWordChar(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
