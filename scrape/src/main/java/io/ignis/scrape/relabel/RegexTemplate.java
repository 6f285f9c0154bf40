package io.ignis.scrape.relabel;

import com.google.re2j.Matcher;
import java.util.Map;

/**
 * Expands a replacement template the way Go's {@code Regexp.Expand} does: {@code $1}, {@code ${1}},
 * {@code $name}, {@code ${name}} and {@code $$}. A name is the longest run of letters, digits and underscores, so
 * {@code $1x} means group {@code 1x} (which does not exist and expands to nothing). A malformed reference keeps
 * its {@code $} as text.
 */
final class RegexTemplate {
    private RegexTemplate() {
    }

    static boolean hasVariable(String template) {
        return template.indexOf('$') >= 0;
    }

    /** Appends the expansion of {@code template} for the match {@code m} to {@code out}. */
    static void expand(StringBuilder out, String template, Matcher m, Map<String, Integer> namedGroups) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int nameStart;
            int nameEnd;
            int next;
            if (i + 1 < n && template.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = nameEnd(template, nameStart);
                if (nameEnd == nameStart || nameEnd >= n || template.charAt(nameEnd) != '}') {
                    out.append('$');
                    i++;
                    continue;
                }
                next = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameEnd(template, nameStart);
                if (nameEnd == nameStart) {
                    out.append('$');
                    i++;
                    continue;
                }
                next = nameEnd;
            }
            appendGroup(out, template.substring(nameStart, nameEnd), m, namedGroups);
            i = next;
        }
    }

    private static void appendGroup(StringBuilder out, String name, Matcher m, Map<String, Integer> namedGroups) {
        int group = groupNumber(name);
        if (group < 0) {
            Integer named = namedGroups.get(name);
            group = named == null ? -1 : named;
        }
        if (group >= 0 && group <= m.groupCount()) {
            String g = m.group(group);
            if (g != null) {
                out.append(g);
            }
        }
    }

    /** The group number when {@code name} is all digits, else -1 (also -1 when it overflows, as Go). */
    private static int groupNumber(String name) {
        int num = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        return num;
    }

    private static int nameEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}
