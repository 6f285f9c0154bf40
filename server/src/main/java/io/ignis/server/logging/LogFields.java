package io.ignis.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The parts of one log line in Prometheus's order: time (UTC, milliseconds), level, source file:line, message,
 * then the event's SLF4J key-value pairs and, for an attached exception, {@code err}.
 */
record LogFields(String time, String level, String source, String msg, List<KeyValuePair> pairs) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    static LogFields of(ILoggingEvent event) {
        List<KeyValuePair> pairs = new ArrayList<>();
        boolean hasErr = false;
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                pairs.add(kv);
                hasErr |= "err".equals(kv.key);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null && !hasErr) {
            pairs.add(new KeyValuePair("err", thrown.getMessage() != null ? thrown.getMessage()
                    : thrown.getClassName()));
        }
        return new LogFields(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())), level(event.getLevel()),
                source(event), event.getFormattedMessage(), pairs);
    }

    /** slog's level names; Logback's TRACE has no slog counterpart and is shown as DEBUG. */
    static String level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARN";
            case Level.INFO_INT -> "INFO";
            default -> "DEBUG";
        };
    }

    private static String source(ILoggingEvent event) {
        StackTraceElement[] callers = event.getCallerData();
        if (callers == null || callers.length == 0 || callers[0].getFileName() == null) {
            return "unknown:0";
        }
        return callers[0].getFileName() + ":" + callers[0].getLineNumber();
    }
}
