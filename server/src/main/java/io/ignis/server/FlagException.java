package io.ignis.server;

/**
 * A command line that cannot be used. The message is one lowercase clause naming the flag, e.g.
 * {@code unknown long flag '--foo'}; {@link Main} prints it as {@code ignis: error: <message>, try --help}.
 */
final class FlagException extends RuntimeException {
    FlagException(String message) {
        super(message);
    }

    FlagException(String message, Throwable cause) {
        super(message, cause);
    }

    static FlagException invalidValue(String flag, String value, String why) {
        return new FlagException("invalid value \"" + value + "\" for flag '--" + flag + "': " + why);
    }
}
