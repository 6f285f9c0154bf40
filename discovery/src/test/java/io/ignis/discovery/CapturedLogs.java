package io.ignis.discovery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Keeps what one logger (and its children) logs at WARN and above while open, for assertions. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the logger named after the class's package, so every class in it is seen. */
    public static CapturedLogs of(Class<?> inPackage) {
        return new CapturedLogs(inPackage.getPackageName());
    }

    /** {@code LEVEL logger-simple-name message} of every event so far. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        List<String> out = new ArrayList<>(events.size());
        for (ILoggingEvent e : events) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                String name = e.getLoggerName();
                out.add(e.getLevel() + " " + name.substring(name.lastIndexOf('.') + 1) + " "
                        + e.getFormattedMessage());
            }
        }
        return out;
    }

    /** Whether some line contains every one of the fragments. */
    public boolean has(String... fragments) {
        for (String line : lines()) {
            boolean all = true;
            for (String f : fragments) {
                all &= line.contains(f);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
