package io.ignis.server.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings as Go's {@code encoding/json} does for Prometheus: {@code <}, {@code >} and {@code &} as
 * {@code \u003c}-style escapes (HTML-safe), U+2028/U+2029 escaped, control characters in lowercase hex. Jackson's
 * defaults would leave the HTML characters alone and write uppercase hex, so bodies would differ byte-wise.
 */
final class GoJsonEscapes extends CharacterEscapes {
    static final GoJsonEscapes INSTANCE = new GoJsonEscapes();

    private final int[] table;

    private GoJsonEscapes() {
        table = standardAsciiEscapesForJSON();
        table['<'] = ESCAPE_CUSTOM;
        table['>'] = ESCAPE_CUSTOM;
        table['&'] = ESCAPE_CUSTOM;
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                table[c] = ESCAPE_CUSTOM;
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
