package io.ignis.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Points the Logback root logger at standard error (where Prometheus logs) with the layout and level the flags
 * ask for. Called once from {@code Main} after flag parsing; {@link DefaultLogConfigurator} covers the time before.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /** {@code level} is one of debug, info, warn, error; {@code format} logfmt or json. */
    public static void configure(String level, String format) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        configure(context, level, format);
    }

    static void configure(LoggerContext context, String level, String format) {
        context.reset();
        LayoutBase<ILoggingEvent> layout = switch (format) {
            case "logfmt" -> new LogfmtLayout();
            case "json" -> new JsonLogLayout();
            default -> throw new IllegalArgumentException("unknown log format " + format);
        };
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        root.addAppender(appender);
        // Netty and other libraries are chatty at debug; they stay at info unless something is wrong.
        context.getLogger("io.netty").setLevel(Level.INFO);
    }
}
