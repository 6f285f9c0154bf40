package io.ignis.scrape.textparse;

/**
 * What the two text lexers share: the input window, the position of the current token
 * ({@code [start, i)}) and the start condition. {@code limit} is where the input ends for the lexer, one
 * past {@code length} when the format gets a virtual trailing newline.
 */
abstract class TextLexer {
    final byte[] b;
    final int from;
    final int length;
    final int limit;
    int i;
    int start;
    int state;

    TextLexer(byte[] b, int from, int length, boolean virtualNewline) {
        this.b = b;
        this.from = from;
        this.length = from + length;
        this.limit = this.length + (virtualNewline ? 1 : 0);
        this.i = from;
    }

    /** The byte at {@code k} as an unsigned value: the virtual newline at the end, 0 beyond it. */
    final int at(int k) {
        return k < length ? b[k] & 0xff : k < limit ? '\n' : 0;
    }

    abstract Token lex();

    /** Go's {@code %q} of {@code [from, to)}, the virtual newline included. */
    final String quote(int from, int to) {
        if (to <= length) {
            return GoText.quote(b, from, to);
        }
        byte[] copy = new byte[to - from];
        for (int k = from; k < to; k++) {
            copy[k - from] = (byte) at(k);
        }
        return GoText.quote(copy, 0, copy.length);
    }

    /** The 1-based line holding position {@code pos}. */
    final int lineOf(int pos) {
        int line = 1;
        for (int k = from, end = Math.min(pos, length); k < end; k++) {
            if (b[k] == '\n') {
                line++;
            }
        }
        return line;
    }
}
