package io.ignis.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void levelAndFormatComeFromTheFlags() {
        LoggerContext context = new LoggerContext();
        LogSetup.configure(context, "warn", "json");
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("stderr");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout()).isInstanceOf(JsonLogLayout.class);

        LogSetup.configure(context, "debug", "logfmt");
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        appender = (ConsoleAppender<?>) root.getAppender("stderr");
        assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout()).isInstanceOf(LogfmtLayout.class);
    }

    @Test
    void theDefaultConfiguratorIsFoundByLogback() {
        // Logback found our configurator through META-INF/services: the root appender is ours, not its console default.
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("stderr")).isNotNull();
    }
}
