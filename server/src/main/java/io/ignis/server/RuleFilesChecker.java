package io.ignis.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Validates one rule file for {@code ignis check rules}. The implementation lives with the rule-file loader of
 * the config module; {@link CheckCommand} only prints results like promtool.
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

    /** Used until the rule-file loader is wired: refuses honestly rather than passing unchecked files. */
    RuleFilesChecker NOT_WIRED = file -> Result.failed(List.of(file + ": rule file validation is not available "
            + "in this build yet"));
}
