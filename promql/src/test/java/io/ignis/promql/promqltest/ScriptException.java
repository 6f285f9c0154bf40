package io.ignis.promql.promqltest;

/** A test script that does not parse; the message names file and line. */
final class ScriptException extends RuntimeException {
    ScriptException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }

    ScriptException(String message) {
        super(message);
    }
}
