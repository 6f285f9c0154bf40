package io.ignis.promql.parser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prometheus's {@code strutil.Unquote}: double- and single-quoted strings with Go escapes (any length, unlike
 * Go's rune literals), back-quoted raw strings. {@code \x} and octal escapes are bytes, and Go strings may hold
 * bytes that are not UTF-8: each such byte becomes the lone surrogate U+DC00 + byte (U+DC80 to U+DCFF, as
 * Python's "surrogateescape"), so it prints back as the same escape and is recognisably not valid UTF-8.
 */
final class Unquote {
    private Unquote() {
    }

    /** @throws IllegalArgumentException "invalid syntax" when the literal is malformed */
    static String unquote(String s) {
        int n = s.length();
        if (n < 2 || s.charAt(0) != s.charAt(n - 1)) {
            throw syntax();
        }
        char quote = s.charAt(0);
        String body = s.substring(1, n - 1);
        if (quote == '`') {
            if (body.indexOf('`') >= 0) {
                throw syntax();
            }
            return body;
        }
        if ((quote != '"' && quote != '\'') || body.indexOf('\n') >= 0) {
            throw syntax();
        }
        if (body.indexOf('\\') < 0 && body.indexOf(quote) < 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 8);
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote) {
                throw syntax();
            }
            if (c != '\\') {
                int cp = body.codePointAt(i);
                i += Character.charCount(cp);
                writeUtf8(out, cp);
                continue;
            }
            i = unescape(body, i + 1, quote, out);
        }
        return decode(out.toByteArray());
    }

    /** UTF-8 to a String, invalid bytes kept as U+DC80..U+DCFF. */
    static String decode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int n = sequenceLength(b, i);
            if (n == 0) {
                sb.append((char) (0xDC00 | (b[i] & 0xFF)));
                i++;
            } else {
                sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or 0 when the byte there does not start one. */
    private static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + n > b.length) {
            return 0;
        }
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int cont = b[i + k] & 0xFF;
            if ((cont & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (cont & 0x3F);
        }
        boolean surrogate = cp >= 0xD800 && cp < 0xE000;
        return cp < min || cp > Character.MAX_CODE_POINT || surrogate ? 0 : n;
    }

    /** Decodes the escape starting after the backslash at {@code i}; returns the index after it. */
    private static int unescape(String s, int i, char quote, ByteArrayOutputStream out) {
        if (i >= s.length()) {
            throw syntax();
        }
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.write(7);
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(11);
            case '\\' -> out.write('\\');
            case 'x' -> {
                out.write(hex(s, i + 1, 2));
                return i + 3;
            }
            case 'u' -> {
                writeUtf8(out, codePoint(hex(s, i + 1, 4)));
                return i + 5;
            }
            case 'U' -> {
                writeUtf8(out, codePoint(hex(s, i + 1, 8)));
                return i + 9;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                if (i + 3 > s.length()) {
                    throw syntax();
                }
                int v = 0;
                for (int j = i; j < i + 3; j++) {
                    int d = s.charAt(j) - '0';
                    if (d < 0 || d > 7) {
                        throw syntax();
                    }
                    v = v * 8 + d;
                }
                if (v > 255) {
                    throw syntax();
                }
                out.write(v);
                return i + 3;
            }
            default -> {
                if (c != quote) {
                    throw syntax();
                }
                out.write(c);
            }
        }
        return i + 1;
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            throw syntax();
        }
        long v = 0;
        for (int j = from; j < from + digits; j++) {
            int d = Character.digit(s.charAt(j), 16);
            if (d < 0) {
                throw syntax();
            }
            v = v * 16 + d;
        }
        if (v > Integer.MAX_VALUE) {
            throw syntax();
        }
        return (int) v;
    }

    private static int codePoint(int v) {
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
            throw syntax();
        }
        return v;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static IllegalArgumentException syntax() {
        return new IllegalArgumentException("invalid syntax");
    }
}
