package io.ignis.config;

import java.util.function.UnaryOperator;

/**
 * Go's {@code os.Expand} as Prometheus applies it to external label values: {@code ${VAR}} and {@code $VAR} become
 * the variable's value (empty when unset), {@code $$} becomes {@code $}, a {@code $} followed by nothing usable is
 * kept, and malformed {@code ${...} } syntax is dropped.
 */
final class EnvExpander {
    private EnvExpander() {
    }

    static String expand(String s, UnaryOperator<String> env) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            String rest = s.substring(i + 1);
            int consumed;
            String name;
            char next = rest.charAt(0);
            if (next == '{') {
                int close = rest.indexOf('}');
                if (close == 1) {
                    name = "";
                    consumed = 2;
                } else if (close < 0) {
                    name = "";
                    consumed = 1;
                } else {
                    name = rest.substring(1, close);
                    consumed = close + 1;
                }
            } else if (isShellSpecial(next)) {
                name = String.valueOf(next);
                consumed = 1;
            } else {
                int n = 0;
                while (n < rest.length() && isAlphaNum(rest.charAt(n))) {
                    n++;
                }
                name = rest.substring(0, n);
                consumed = n;
            }
            if (name.isEmpty() && consumed == 0) {
                out.append('$');
            } else if (name.equals("$")) {
                out.append('$');
            } else if (!name.isEmpty()) {
                String value = env.apply(name);
                out.append(value == null ? "" : value);
            }
            i += 1 + consumed;
        }
        return out.toString();
    }

    private static boolean isShellSpecial(char c) {
        return c == '*' || c == '#' || c == '$' || c == '@' || c == '!' || c == '?' || c == '-'
                || (c >= '0' && c <= '9');
    }

    private static boolean isAlphaNum(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
