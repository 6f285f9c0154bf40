package io.ignis.promql.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log of {@code global.query_log_file}: one JSON line per query ({@link QueryLogJson}) appended
 * to the file, created if missing. Lines are written whole under a lock and flushed, so {@code tail -f}
 * sees complete lines. On reload the server closes this logger and opens a new one if the path changed.
 */
public final class FileQueryLogger implements QueryLogger {
    private static final Logger LOG = LoggerFactory.getLogger(FileQueryLogger.class);

    private final Path path;
    private final OutputStream out;
    private boolean closed;

    private FileQueryLogger(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for appending; the error names the file. */
    public static FileQueryLogger open(Path path) throws IOException {
        try {
            return new FileQueryLogger(path, Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new IOException("can't create json log file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void log(QueryLogEntry entry) {
        byte[] line = (QueryLogJson.line(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                LOG.error("can't log query file={} err={}", path, e.toString());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
