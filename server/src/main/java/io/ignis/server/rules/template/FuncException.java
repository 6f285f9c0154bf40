package io.ignis.server.rules.template;

/** Thrown by a template function or method: the error it returns in Go, wrapped by the executor with its name. */
final class FuncException extends RuntimeException {
    FuncException(String message) {
        super(message, null, false, false);
    }
}
