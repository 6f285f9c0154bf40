package io.ignis.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import org.slf4j.event.KeyValuePair;

/**
 * Renders {@code time=… level=INFO source=Main.java:42 msg="…" key=value} like Prometheus 3's logfmt (Go's
 * slog text handler): a value is quoted, Go-style, only when it is empty or holds a space, {@code "}, {@code =}
 * or a character that does not print.
 */
final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        LogFields f = LogFields.of(event);
        StringBuilder sb = new StringBuilder(128);
        sb.append("time=").append(f.time());
        sb.append(" level=").append(f.level());
        sb.append(" source=");
        appendValue(sb, f.source());
        sb.append(" msg=");
        appendValue(sb, f.msg());
        for (KeyValuePair kv : f.pairs()) {
            sb.append(' ');
            appendValue(sb, kv.key);
            sb.append('=');
            appendValue(sb, String.valueOf(kv.value));
        }
        return sb.append('\n').toString();
    }

    static void appendValue(StringBuilder sb, String s) {
        if (!needsQuoting(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean needsQuoting(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '"' || c == '=' || c < 0x20 || c == 0x7f || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
