package io.ignis.config;

/**
 * A configuration that cannot be used. When the problem has a place, the message reads
 * {@code file:line:column: path: reason}, for example
 * {@code prometheus.yml:12:5: scrape_configs[0].scrape_timeout: scrape timeout greater than scrape interval ...};
 * the parts are also available one by one (line and column are 0 when unknown, path empty).
 */
public class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String reason;

    public ConfigException(String message) {
        this(message, (Throwable) null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.file = "";
        this.line = 0;
        this.column = 0;
        this.path = "";
        this.reason = message;
    }

    public ConfigException(String file, int line, int column, String path, String reason, Throwable cause) {
        super(render(file, line, column, path, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.reason = reason;
    }

    private static String render(String file, int line, int column, String path, String reason) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line).append(':').append(column);
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(reason).toString();
    }

    /** The file the problem is in, as the caller named it; empty when the problem has no file. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The field path, such as {@code scrape_configs[0].relabel_configs[1].regex}; may be empty. */
    public String path() {
        return path;
    }

    /** The message without file, position and path. */
    public String reason() {
        return reason;
    }
}
