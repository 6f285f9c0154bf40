package io.ignis.tsdb.index;

import java.util.Comparator;

/**
 * Orders strings as Go compares them, by their UTF-8 bytes, which is code point order. {@link String#compareTo}
 * compares UTF-16 units and disagrees for characters above U+FFFF versus U+E000…U+FFFF; the index's
 * symbol table and postings offset table must be in Go's order because Prometheus binary-searches them.
 */
public final class Utf8Order implements Comparator<String> {
    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Surrogates (U+D800…U+DFFF) encode code points above U+FFFF: they sort after every BMP char.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
