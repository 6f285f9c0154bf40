package io.ignis.scrape.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Go's text conventions that Prometheus's parser errors and label values depend on: {@code %q} quoting,
 * UTF-8 validity as {@code utf8.Valid}, {@code strconv.FormatFloat(f, 'g', -1, 64)} and the escape rules of
 * the text formats. Stateless; float and integer parsing live in {@link GoNumbers}.
 */
final class GoText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoText() {
    }

    /** Go's {@code %q} of the bytes {@code b[from, to)}: a double-quoted string with Go escapes. */
    static String quote(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from + 2).append('"');
        int i = from;
        while (i < to) {
            int r = decodeRune(b, i, to);
            if (r < 0) {
                appendHexByte(sb, b[i] & 0xff);
                i++;
                continue;
            }
            i += runeWidth(r);
            appendQuotedRune(sb, r);
        }
        return sb.append('"').toString();
    }

    /** Go's {@code %q} of a Java string. */
    static String quote(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return quote(b, 0, b.length);
    }

    private static void appendQuotedRune(StringBuilder sb, int r) {
        if (r == '"' || r == '\\') {
            sb.append('\\').append((char) r);
        } else if (isPrint(r)) {
            sb.appendCodePoint(r);
        } else {
            switch (r) {
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (r < ' ' || r == 0x7f) {
                        appendHexByte(sb, r);
                    } else if (r < 0x10000) {
                        sb.append("\\u");
                        appendHex(sb, r, 4);
                    } else {
                        sb.append("\\U");
                        appendHex(sb, r, 8);
                    }
                }
            }
        }
    }

    private static void appendHexByte(StringBuilder sb, int v) {
        sb.append("\\x").append(HEX[v >> 4]).append(HEX[v & 0xf]);
    }

    private static void appendHex(StringBuilder sb, int v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            sb.append(HEX[(v >> shift) & 0xf]);
        }
    }

    /** As Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7f;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static int runeWidth(int r) {
        return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
    }

    /** The code point starting at {@code b[i]}, or -1 where Go would see an invalid encoding. */
    static int decodeRune(byte[] b, int i, int to) {
        int c0 = b[i] & 0xff;
        if (c0 < 0x80) {
            return c0;
        }
        int n;
        int min;
        int r;
        if (c0 >= 0xc2 && c0 <= 0xdf) {
            n = 1;
            min = 0x80;
            r = c0 & 0x1f;
        } else if (c0 >= 0xe0 && c0 <= 0xef) {
            n = 2;
            min = 0x800;
            r = c0 & 0x0f;
        } else if (c0 >= 0xf0 && c0 <= 0xf4) {
            n = 3;
            min = 0x10000;
            r = c0 & 0x07;
        } else {
            return -1;
        }
        if (i + n >= to) {
            return -1;
        }
        for (int k = 1; k <= n; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            r = (r << 6) | (c & 0x3f);
        }
        if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) {
            return -1;
        }
        return r;
    }

    /** As Go's utf8.Valid over {@code b[from, to)}. */
    static boolean validUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int r = decodeRune(b, i, to);
            if (r < 0) {
                return false;
            }
            i += runeWidth(r);
        }
        return true;
    }

    /**
     * The string of {@code b[from, to)} with the label-value escapes {@code \\}, {@code \"} and {@code \n}
     * resolved (any other backslash stays), as Prometheus's lvalReplacer; {@code quoteEscape} false leaves
     * {@code \"} alone, as its helpReplacer for the Prometheus text format.
     */
    static String unescape(byte[] b, int from, int to, boolean quoteEscape) {
        int bs = indexOf(b, from, to, (byte) '\\');
        if (bs < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                byte d = b[i + 1];
                if (d == '\\' || d == 'n' || (quoteEscape && d == '"')) {
                    out[n++] = d == 'n' ? (byte) '\n' : d;
                    i += 2;
                    continue;
                }
            }
            out[n++] = c;
            i++;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Whether {@link #unescape} of {@code b[from, to)} equals {@code s}; compares in place while the bytes are plain
     * ASCII (no escapes), which every exposition name and nearly every help text is.
     */
    static boolean unescapedEquals(byte[] b, int from, int to, boolean quoteEscape, String s) {
        int n = to - from;
        int sn = s.length();
        for (int k = 0; k < n; k++) {
            int c = b[from + k];
            if (c < 0 || c == '\\') {
                return unescape(b, from, to, quoteEscape).equals(s);
            }
            // Every byte so far stood for itself, so the first difference is one in the decoded text too.
            if (k >= sn || c != s.charAt(k)) {
                return false;
            }
        }
        return n == sn;
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Prometheus's FormatOpenMetricsFloat: Go's shortest {@code 'g'} formatting, with {@code .0} appended when
     * the result has neither a dot nor an exponent; {@code +Inf}, {@code -Inf}, {@code NaN}.
     */
    static String formatOpenMetricsFloat(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0.0" : "0.0";
        }
        String g = formatG(f);
        return g.indexOf('e') >= 0 || g.indexOf('.') >= 0 ? g : g + ".0";
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} for finite non-zero f. */
    static String formatG(double f) {
        String s = Double.toString(Math.abs(f)); // shortest round-trip digits, as "d.dddE[-]x" or "ddd.ddd"
        int e = s.indexOf('E');
        String mant = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mant.indexOf('.');
        String digits = mant.substring(0, dot) + mant.substring(dot + 1);
        int dp = dot + exp10; // decimal point position relative to the start of digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        dp -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder(24);
        if (f < 0) {
            sb.append('-');
        }
        int x = dp - 1;
        if (x < -4 || x >= 6) { // Go's 'g' with shortest precision decides on an exponent of at least 6
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(x < 0 ? '-' : '+');
            int ax = Math.abs(x);
            if (ax < 10) {
                sb.append('0');
            }
            return sb.append(ax).toString();
        }
        if (dp <= 0) {
            sb.append("0.");
            for (int k = dp; k < 0; k++) {
                sb.append('0');
            }
            return sb.append(digits).toString();
        }
        if (dp >= digits.length()) {
            sb.append(digits);
            for (int k = digits.length(); k < dp; k++) {
                sb.append('0');
            }
            return sb.toString();
        }
        return sb.append(digits, 0, dp).append('.').append(digits, dp, digits.length()).toString();
    }
}
