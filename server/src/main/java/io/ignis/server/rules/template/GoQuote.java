package io.ignis.server.rules.template;

/** Go's literal syntax: quoted strings and characters with their escapes, and number constants. */
final class GoQuote {
    private GoQuote() {
    }

    /** Unquotes a Go string or character literal including its quotes; null when malformed. */
    static String unquote(String s, char quote) {
        if (s.length() < 2 || s.charAt(0) != quote || s.charAt(s.length() - 1) != quote) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length() - 1) {
                return null;
            }
            char e = s.charAt(i);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        return null;
                    }
                    sb.append(e);
                }
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n >= s.length()) {
                        return null;
                    }
                    int cp = hex(s, i + 1, n);
                    if (cp < 0) {
                        return null;
                    }
                    sb.appendCodePoint(cp);
                    i += n;
                }
                default -> {
                    if (e < '0' || e > '7' || i + 2 >= s.length() - 1 + 1) {
                        return null;
                    }
                    int v = 0;
                    for (int k = 0; k < 3; k++) {
                        char d = s.charAt(i + k);
                        if (d < '0' || d > '7') {
                            return null;
                        }
                        v = v * 8 + (d - '0');
                    }
                    sb.append((char) v);
                    i += 2;
                }
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * Parses a Go number constant: a Long when it is an integer (decimal, 0x, 0o, 0b, leading-zero octal,
     * underscores allowed), a Double otherwise; null when malformed.
     */
    static Object parseNumber(String text) {
        String s = text.replace("_", "");
        boolean neg = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        String lower = body.toLowerCase();
        try {
            if (lower.startsWith("0x") && !lower.contains("p") && !lower.contains(".")) {
                return signed(Long.parseUnsignedLong(lower.substring(2), 16), neg);
            }
            if (lower.startsWith("0b")) {
                return signed(Long.parseLong(lower.substring(2), 2), neg);
            }
            if (lower.startsWith("0o")) {
                return signed(Long.parseLong(lower.substring(2), 8), neg);
            }
            if (lower.matches("0[0-7]+")) {
                return signed(Long.parseLong(lower.substring(1), 8), neg);
            }
            if (lower.matches("[0-9]+")) {
                try {
                    return signed(Long.parseLong(lower), neg);
                } catch (NumberFormatException e) {
                    return neg ? -Double.parseDouble(lower) : Double.parseDouble(lower);
                }
            }
            if (lower.startsWith("0x")) {
                double d = Double.parseDouble(lower.contains("p") ? lower : lower + "p0");
                return neg ? -d : d;
            }
            if (!lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                return null;
            }
            double d = Double.parseDouble(lower);
            return neg ? -d : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long signed(long v, boolean neg) {
        return neg ? -v : v;
    }
}
