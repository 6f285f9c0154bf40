package io.ignis.promql.parser;

import io.ignis.promql.ast.GoFormat;

/** Go's {@code %q} of a rune and {@code %#U}, as Prometheus's lexer errors print them. */
final class GoQuote {
    private GoQuote() {
    }

    /** {@code %q} of a rune: {@code 'a'}, {@code '\n'}, {@code '\''}, {@code '\x00'}. */
    static String rune(int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            cp = 0xFFFD; // Go quotes an invalid rune, such as end of input, as the replacement character
        }
        if (cp == '\'') {
            return "'\\''";
        }
        if (cp == '"') {
            return "'\"'";
        }
        String quoted = GoFormat.quote(new String(Character.toChars(cp)));
        return "'" + quoted.substring(1, quoted.length() - 1) + "'";
    }

    /** {@code %#U}: {@code U+0063 'c'}, without the rune when it is not printable. */
    static String unicode(int cp) {
        String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        String code = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
        return GoFormat.isPrint(cp) ? code + " '" + new String(Character.toChars(cp)) + "'" : code;
    }

    /** {@code %q} of a string. */
    static String string(String s) {
        return GoFormat.quote(s);
    }
}
