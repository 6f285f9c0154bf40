package io.ignis.server.rules.template;

import io.ignis.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's {@code fmt} for template values: {@code %v}, {@code Sprint}, {@code Sprintln}, {@code Sprintf}, quoting. */
final class GoFormat {
    private GoFormat() {
    }

    /** Go's name of a value's type, as error messages print it. */
    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof QueryResult) {
            return "template.queryResult";
        }
        if (v instanceof List) {
            return "[]interface {}";
        }
        if (v instanceof StringMap) {
            return "map[string]string";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (v instanceof GoValue g) {
            return g.typeName();
        }
        return v.getClass().getSimpleName();
    }

    /** {@code %v}; {@code nested} prints nil as Go prints a nil inside a slice or map. */
    static String value(Object v) {
        StringBuilder sb = new StringBuilder();
        appendValue(sb, v);
        return sb.toString();
    }

    private static void appendValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("<nil>");
        } else if (v instanceof Double d) {
            sb.append(GoFloat.format(d, 'g', -1));
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                appendValue(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            boolean first = true;
            for (Object k : Values.sortedKeys(m)) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                appendValue(sb, k);
                sb.append(':');
                appendValue(sb, m.get(k));
            }
            sb.append(']');
        } else if (v instanceof GoValue g) {
            sb.append(g.goString());
        } else if (v instanceof Labels l) {
            sb.append(l);
        } else {
            sb.append(v);
        }
    }

    /** {@code fmt.Sprint}: a space between operands when neither is a string. */
    static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            appendValue(sb, args.get(i));
        }
        return sb.toString();
    }

    /** {@code fmt.Sprintln}: spaces between all operands and a final newline. */
    static String sprintln(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendValue(sb, args.get(i));
        }
        return sb.append('\n').toString();
    }

    /** {@code fmt.Sprintf} for the verbs b c d e E f F g G o q s t v x X and {@code %%}. */
    static String sprintf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        int argi = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            Spec spec = new Spec();
            while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) {
                spec.flag(format.charAt(i++));
            }
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                spec.width = argi < args.size() && args.get(argi) instanceof Long w ? w.intValue() : 0;
                argi++;
            } else {
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.width = i > start ? Integer.parseInt(format.substring(start, i)) : -1;
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (argi >= args.size()) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            sb.append(spec.pad(formatOne(verb, spec, args.get(argi++))));
        }
        if (argi < args.size()) {
            sb.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) {
                    sb.append(", ");
                }
                sb.append(typeName(args.get(k))).append('=').append(value(args.get(k)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int prec = -1;

        void flag(char c) {
            switch (c) {
                case '+' -> plus = true;
                case '-' -> minus = true;
                case '#' -> sharp = true;
                case ' ' -> space = true;
                default -> zero = true;
            }
        }

        String pad(String s) {
            int n = s.codePointCount(0, s.length());
            if (width <= n) {
                return s;
            }
            String fill = String.valueOf(zero && !minus ? '0' : ' ').repeat(width - n);
            if (minus) {
                return s + fill;
            }
            if (zero && !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                return s.charAt(0) + fill + s.substring(1);
            }
            return fill + s;
        }
    }

    private static String formatOne(char verb, Spec spec, Object arg) {
        if (arg instanceof Double d) {
            return formatFloat(verb, spec, d);
        }
        if (arg instanceof Long l) {
            return formatInt(verb, spec, l);
        }
        if (arg instanceof String s) {
            return switch (verb) {
                case 'v', 's' -> spec.prec >= 0 && spec.prec < s.length() ? s.substring(0, spec.prec) : s;
                case 'q' -> quote(s);
                case 'x', 'X' -> hexBytes(s, verb == 'X');
                default -> bad(verb, arg);
            };
        }
        if (arg instanceof Boolean b) {
            return verb == 'v' || verb == 't' ? b.toString() : bad(verb, arg);
        }
        if (verb == 'v' || verb == 's') {
            return value(arg);
        }
        if (verb == 'T') {
            return typeName(arg);
        }
        return bad(verb, arg);
    }

    private static String formatFloat(char verb, Spec spec, double d) {
        String s = switch (verb) {
            case 'v' -> GoFloat.format(d, 'g', spec.prec);
            case 'e', 'E', 'g', 'G' -> GoFloat.format(d, verb, spec.prec < 0 && verb != 'g' && verb != 'G' ? 6
                    : spec.prec);
            case 'f', 'F' -> GoFloat.format(d, 'f', spec.prec < 0 ? 6 : spec.prec);
            default -> null;
        };
        if (s == null) {
            return bad(verb, d);
        }
        if (s.startsWith("+") && !spec.plus) {
            return s;
        }
        if (spec.plus && !s.startsWith("-") && !s.startsWith("+")) {
            return "+" + s;
        }
        if (spec.space && !s.startsWith("-") && !s.startsWith("+")) {
            return " " + s;
        }
        return s;
    }

    private static String formatInt(char verb, Spec spec, long l) {
        String s = switch (verb) {
            case 'v', 'd' -> Long.toString(l);
            case 'b' -> Long.toString(l, 2);
            case 'o' -> Long.toString(l, 8);
            case 'x' -> Long.toString(l, 16);
            case 'X' -> Long.toString(l, 16).toUpperCase();
            case 'c' -> new String(Character.toChars((int) l));
            case 'q' -> quoteRune((int) l);
            case 'e', 'E', 'f', 'F', 'g', 'G' -> bad(verb, l);
            default -> bad(verb, l);
        };
        if (spec.prec >= 0 && "dbxXo".indexOf(verb) >= 0) {
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            if (digits.length() < spec.prec) {
                s = (neg ? "-" : "") + "0".repeat(spec.prec - digits.length()) + digits;
            }
        }
        if ("dv".indexOf(verb) >= 0 && l >= 0) {
            if (spec.plus) {
                s = "+" + s;
            } else if (spec.space) {
                s = " " + s;
            }
        }
        return s;
    }

    private static String hexBytes(String s, boolean upper) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format(upper ? "%02X" : "%02x", b & 0xff));
        }
        return sb.toString();
    }

    private static String bad(char verb, Object arg) {
        return "%!" + verb + "(" + typeName(arg) + "=" + value(arg) + ")";
    }

    /** Go's {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
        return sb.append('"').toString();
    }

    /** Go's {@code strconv.QuoteRune}. */
    static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder("'");
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        switch (cp) {
            case '\u0007' -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\u000b' -> sb.append("\\v");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (cp == quote) {
                    sb.append('\\').appendCodePoint(cp);
                } else if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            }
        }
    }

    /** Formats the arguments of a failed call the way Go prints them in messages. */
    static List<String> values(List<Object> args) {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            out.add(value(a));
        }
        return out;
    }
}
