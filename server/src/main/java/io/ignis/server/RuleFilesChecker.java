package io.ignis.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Validates one rule file for {@code ignis check rules} ({@link RuleFileCheck}, or a fake in tests);
 * {@link CheckCommand} only prints results like promtool.
 */
@FunctionalInterface
interface RuleFilesChecker {

    /** How many rules the file holds, or the errors found (each one line, with file and position). */
    record Result(int rules, List<String> errors) {
        static Result ok(int rules) {
            return new Result(rules, List.of());
        }

        static Result failed(List<String> errors) {
            return new Result(0, List.copyOf(errors));
        }
    }

    Result check(Path file);
}
