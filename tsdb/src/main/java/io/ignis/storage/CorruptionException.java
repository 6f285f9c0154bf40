package io.ignis.storage;

/**
 * Stored data that fails validation: a bad checksum, magic number, version or length. Carries the file, the
 * byte offset of the bad structure, and what was expected versus found, so an operator can locate it.
 */
public class CorruptionException extends StorageException {
    private final String file;
    private final long offset;
    private final String expected;
    private final String actual;

    /**
     * @param file     the file (path as given) holding the bad bytes
     * @param offset   byte offset of the structure that failed validation, or -1 if unknown
     * @param what     what failed, e.g. {@code "series checksum"}
     * @param expected the expected value, rendered for humans
     * @param actual   the value found
     */
    public CorruptionException(String file, long offset, String what, String expected, String actual) {
        this(file, offset, what, expected, actual, null);
    }

    public CorruptionException(String file, long offset, String what, String expected, String actual,
                               Throwable cause) {
        super("corrupt " + file + (offset >= 0 ? " at offset " + offset : "") + ": " + what
                + (expected.isEmpty() && actual.isEmpty() ? "" : ": expected " + expected + ", actual " + actual),
                cause);
        this.file = file;
        this.offset = offset;
        this.expected = expected;
        this.actual = actual;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
