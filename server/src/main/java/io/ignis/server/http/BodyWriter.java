package io.ignis.server.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a response body as it is produced, so a large answer never has to sit in memory whole. Runs on the
 * handler thread after the handler returned; {@code out} blocks while the client is slow to read and throws
 * {@link IOException} once the client is gone. Must not close {@code out} before it is done (closing is allowed
 * as the last call). May be called more than once (tests render a response to bytes), so it must not consume
 * state the handler left behind.
 */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
