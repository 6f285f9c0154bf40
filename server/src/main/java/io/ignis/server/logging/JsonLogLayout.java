package io.ignis.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.slf4j.event.KeyValuePair;

/**
 * Renders one JSON object per line, {@code {"time":…,"level":"INFO","source":…,"msg":…,"key":…}}, like
 * Prometheus 3's {@code --log.format=json}: numbers and booleans stay unquoted, everything else is a string.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        LogFields f = LogFields.of(event);
        StringBuilder sb = new StringBuilder(160);
        sb.append('{');
        appendString(sb, "time").append(':');
        appendString(sb, f.time()).append(',');
        appendString(sb, "level").append(':');
        appendString(sb, f.level()).append(',');
        appendString(sb, "source").append(':');
        appendString(sb, f.source()).append(',');
        appendString(sb, "msg").append(':');
        appendString(sb, f.msg());
        for (KeyValuePair kv : f.pairs()) {
            sb.append(',');
            appendString(sb, kv.key).append(':');
            appendValue(sb, kv.value);
        }
        return sb.append("}\n").toString();
    }

    private static void appendValue(StringBuilder sb, Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            sb.append(value);
        } else if (value instanceof Double d && Double.isFinite(d) || value instanceof Float fl && Float.isFinite(fl)) {
            sb.append(value);
        } else {
            appendString(sb, String.valueOf(value));
        }
    }

    private static StringBuilder appendString(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"');
    }
}
