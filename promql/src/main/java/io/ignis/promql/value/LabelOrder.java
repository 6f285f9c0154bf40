package io.ignis.promql.value;

import io.ignis.labels.Labels;

/**
 * Go's ordering of label sets: label by label, name then value, strings compared as UTF-8 bytes. Comparing
 * code points gives the same order as comparing UTF-8 bytes; {@link String#compareTo} (UTF-16 units) would
 * differ for characters above U+FFFF.
 */
public final class LabelOrder {
    private LabelOrder() {
    }

    public static int compare(Labels a, Labels b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareStrings(a.name(i), b.name(i));
            if (c != 0) {
                return c;
            }
            c = compareStrings(a.value(i), b.value(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Byte-wise UTF-8 order of two strings. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx == sy) {
                    return Character.compare(x, y);
                }
                // A surrogate encodes a code point above every BMP character.
                return sx ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
