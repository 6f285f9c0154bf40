package io.ignis.storage;

/** Hands out appenders; implementations are thread-safe. */
public interface Appendable {
    /** A new batch; the caller ends it with exactly one {@link Appender#commit()} or {@link Appender#rollback()}. */
    Appender appender();
}
