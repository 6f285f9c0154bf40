package io.ignis.promql.promqltest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go string literals as the scripts write them: {@code "…"} and {@code '…'} with escapes, {@code `…`} raw. */
final class GoStrings {
    private GoStrings() {
    }

    /** Unquotes a whole literal including its quotes. */
    static String unquote(String lit) {
        if (lit.length() < 2) {
            throw new IllegalArgumentException("invalid string literal " + lit);
        }
        char q = lit.charAt(0);
        if ((q != '"' && q != '\'' && q != '`') || lit.charAt(lit.length() - 1) != q) {
            throw new IllegalArgumentException("invalid string literal " + lit);
        }
        String body = lit.substring(1, lit.length() - 1);
        if (q == '`') {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                if (c == q) {
                    throw new IllegalArgumentException("unescaped quote in string literal " + lit);
                }
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("unterminated escape in string literal " + lit);
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\', '"', '\'' -> out.write(e);
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    int cp = Integer.parseInt(body.substring(i + 1, i + 1 + n), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        out.write(Integer.parseInt(body.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("unknown escape \\" + e + " in string literal " + lit);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
