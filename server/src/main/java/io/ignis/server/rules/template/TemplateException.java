package io.ignis.server.rules.template;

/** A template that failed to parse or execute; the message reads like Go's {@code template: name:line: …}. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
