package io.ignis.server.rules.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Go's {@code Regexp.ReplaceAllString}: {@code $1}, {@code ${1}}, {@code $name} and {@code ${name}} expand to
 * groups (the longest run of letters, digits and underscores is the name; an unknown name is empty), {@code $$}
 * is a dollar.
 */
final class RegexReplace {
    private RegexReplace() {
    }

    static String replaceAll(Pattern p, String text, String template) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        int searchFrom = 0;
        int prevEnd = -1;
        while (searchFrom <= text.length() && m.find(searchFrom)) {
            int s = m.start();
            int e = m.end();
            if (e == s && s == prevEnd) {
                // An empty match right after the previous match is skipped, as Go does.
                searchFrom = s + 1;
                continue;
            }
            sb.append(text, last, s);
            expand(m, template, sb);
            last = e;
            prevEnd = e;
            searchFrom = e == s ? e + 1 : e;
        }
        sb.append(text.substring(Math.min(last, text.length())));
        return sb.toString();
    }

    private static void expand(Matcher m, String t, StringBuilder sb) {
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c != '$' || i + 1 >= t.length()) {
                sb.append(c);
                i++;
                continue;
            }
            if (t.charAt(i + 1) == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int next;
            if (t.charAt(i + 1) == '{') {
                int close = t.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(c);
                    i++;
                    continue;
                }
                name = t.substring(i + 2, close);
                next = close + 1;
            } else {
                int j = i + 1;
                while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                    j++;
                }
                name = t.substring(i + 1, j);
                next = j;
            }
            if (name.isEmpty()) {
                sb.append(c);
                i++;
                continue;
            }
            sb.append(group(m, name));
            i = next;
        }
    }

    private static String group(Matcher m, String name) {
        String g = null;
        if (name.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(name);
            if (n <= m.groupCount()) {
                g = m.group(n);
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
}
