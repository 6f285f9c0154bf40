package io.ignis.config.yaml;

/** The text is not well-formed YAML, or uses a construct the reader does not support. */
public final class YamlException extends RuntimeException {
    private final transient Mark mark;
    private final String reason;

    public YamlException(String reason, Mark mark, Throwable cause) {
        super(mark + ": " + reason, cause);
        this.reason = reason;
        this.mark = mark;
    }

    public Mark mark() {
        return mark;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
