package io.ignis.server.rules.template;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The functions every Go template has: {@code and or not len index slice print printf println html js urlquery}
 * and the comparisons {@code eq ne lt le gt ge}. */
final class Builtins {
    private Builtins() {
    }

    static Map<String, Func> all() {
        Map<String, Func> m = new HashMap<>();
        // and/or are evaluated lazily by the executor; the bodies serve direct calls only.
        m.put("and", Func.variadic(1, a -> a.get(a.size() - 1)));
        m.put("or", Func.variadic(1, a -> a.get(a.size() - 1)));
        m.put("not", Func.of(1, a -> !Values.truth(a.get(0))));
        m.put("len", Func.of(1, a -> Values.len(a.get(0))));
        m.put("index", Func.variadic(1, a -> Values.index(a.get(0), a.subList(1, a.size()))));
        m.put("slice", Func.variadic(1, Builtins::slice));
        m.put("print", Func.variadic(0, GoFormat::sprint));
        m.put("println", Func.variadic(0, GoFormat::sprintln));
        m.put("printf", Func.variadic(1, a -> GoFormat.sprintf(string(a.get(0)), a.subList(1, a.size()))));
        m.put("html", Func.variadic(0, a -> html(evalArgs(a))));
        m.put("js", Func.variadic(0, a -> js(evalArgs(a))));
        m.put("urlquery", Func.variadic(0, a -> queryEscape(evalArgs(a))));
        m.put("eq", Func.variadic(2, Builtins::eq));
        m.put("ne", Func.of(2, a -> !Values.eq(a.get(0), a.get(1))));
        m.put("lt", Func.of(2, a -> Values.lt(a.get(0), a.get(1))));
        m.put("le", Func.of(2, a -> Values.lt(a.get(0), a.get(1)) || Values.eq(a.get(0), a.get(1))));
        m.put("gt", Func.of(2, a -> !Values.lt(a.get(0), a.get(1)) && !Values.eq(a.get(0), a.get(1))));
        m.put("ge", Func.of(2, a -> !Values.lt(a.get(0), a.get(1))));
        return m;
    }

    static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new FuncException("wrong type for value; expected string; got " + GoFormat.typeName(v));
    }

    private static Object eq(List<Object> a) {
        for (int i = 1; i < a.size(); i++) {
            if (Values.eq(a.get(0), a.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static Object slice(List<Object> a) {
        Object item = a.get(0);
        int[] ix = new int[a.size() - 1];
        for (int i = 1; i < a.size(); i++) {
            if (!(a.get(i) instanceof Long l)) {
                throw new FuncException("cannot index slice/array with type " + GoFormat.typeName(a.get(i)));
            }
            ix[i - 1] = (int) (long) l;
        }
        if (ix.length > 2 && !(item instanceof List)) {
            throw new FuncException("cannot 3-index slice a string");
        }
        int len = item instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length
                : item instanceof List<?> l ? l.size() : -1;
        if (len < 0) {
            throw new FuncException("can't slice item of type " + GoFormat.typeName(item));
        }
        int from = ix.length > 0 ? ix[0] : 0;
        int to = ix.length > 1 ? ix[1] : len;
        if (from < 0 || to < from || to > len) {
            throw new FuncException("index out of range: " + (from < 0 || from > len ? from : to));
        }
        if (item instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        return List.copyOf(((List<?>) item).subList(from, to));
    }

    /** Go's {@code evalArgs}: a single string argument as is, anything else through {@code fmt.Sprint}. */
    private static String evalArgs(List<Object> a) {
        if (a.size() == 1 && a.get(0) instanceof String s) {
            return s;
        }
        return GoFormat.sprint(a);
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case 0 -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String js(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryEscape}. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
