package io.ignis.server.http;

/**
 * Answers one request. Runs on a handler thread, never on a Netty event loop, so it may block. An exception
 * becomes a 500 with its message; API handlers map their own errors first.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
