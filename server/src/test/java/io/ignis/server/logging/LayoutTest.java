package io.ignis.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.KeyValuePair;

/** Golden lines for both formats: one event in, the exact line Prometheus 3 would print out. */
class LayoutTest {
    // 2024-11-14T10:31:23.712Z
    private static final long T = 1731580283712L;

    record Case(String name, LoggingEvent event, String logfmt, String json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("message with spaces is quoted",
                        event(Level.INFO, "Server is ready to receive web requests."),
                        "time=2024-11-14T10:31:23.712Z level=INFO source=Main.java:42 "
                                + "msg=\"Server is ready to receive web requests.\"",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"INFO\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"Server is ready to receive web requests.\"}"),
                new Case("single word is bare", event(Level.WARN, "stopping"),
                        "time=2024-11-14T10:31:23.712Z level=WARN source=Main.java:42 msg=stopping",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"WARN\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"stopping\"}"),
                new Case("key-value pairs follow in order",
                        event(Level.INFO, "Loading configuration file", kv("filename", "prometheus.yml"),
                                kv("attempt", 3), kv("ok", true)),
                        "time=2024-11-14T10:31:23.712Z level=INFO source=Main.java:42 "
                                + "msg=\"Loading configuration file\" filename=prometheus.yml attempt=3 ok=true",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"INFO\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"Loading configuration file\",\"filename\":\"prometheus.yml\","
                                + "\"attempt\":3,\"ok\":true}"),
                new Case("values needing quotes are escaped",
                        event(Level.ERROR, "Error reloading config",
                                kv("err", "bad \"x\" at a=b\nnext"), kv("empty", "")),
                        "time=2024-11-14T10:31:23.712Z level=ERROR source=Main.java:42 "
                                + "msg=\"Error reloading config\" err=\"bad \\\"x\\\" at a=b\\nnext\" empty=\"\"",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"ERROR\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"Error reloading config\",\"err\":\"bad \\\"x\\\" at a=b\\nnext\","
                                + "\"empty\":\"\"}"),
                new Case("debug and trace both print as DEBUG", event(Level.TRACE, "tick"),
                        "time=2024-11-14T10:31:23.712Z level=DEBUG source=Main.java:42 msg=tick",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"DEBUG\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"tick\"}"),
                new Case("exception becomes err", withThrowable(event(Level.ERROR, "open failed"),
                        new IOException("disk full")),
                        "time=2024-11-14T10:31:23.712Z level=ERROR source=Main.java:42 msg=\"open failed\" "
                                + "err=\"disk full\"",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"ERROR\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"open failed\",\"err\":\"disk full\"}"),
                new Case("placeholders are formatted", withArgs(event(Level.INFO, "{} blocks"), 3),
                        "time=2024-11-14T10:31:23.712Z level=INFO source=Main.java:42 msg=\"3 blocks\"",
                        "{\"time\":\"2024-11-14T10:31:23.712Z\",\"level\":\"INFO\",\"source\":\"Main.java:42\","
                                + "\"msg\":\"3 blocks\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logfmt(Case c) {
        assertThat(new LogfmtLayout().doLayout(c.event())).isEqualTo(c.logfmt() + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void json(Case c) {
        assertThat(new JsonLogLayout().doLayout(c.event())).isEqualTo(c.json() + "\n");
    }

    private static KeyValuePair kv(String key, Object value) {
        return new KeyValuePair(key, value);
    }

    private static LoggingEvent event(Level level, String message, KeyValuePair... pairs) {
        LoggingEvent e = new LoggingEvent();
        e.setTimeStamp(T);
        e.setLevel(level);
        e.setMessage(message);
        e.setLoggerName("io.ignis.server.Main");
        e.setCallerData(new StackTraceElement[] {
            new StackTraceElement("io.ignis.server.Main", "serve", "Main.java", 42)});
        if (pairs.length > 0) {
            e.setKeyValuePairs(List.of(pairs));
        }
        return e;
    }

    private static LoggingEvent withThrowable(LoggingEvent e, Throwable t) {
        e.setThrowableProxy(new ThrowableProxy(t));
        return e;
    }

    private static LoggingEvent withArgs(LoggingEvent e, Object... args) {
        e.setArgumentArray(args);
        return e;
    }
}
