package io.ignis.server;

import io.ignis.config.ConfigException;
import io.ignis.config.rules.Rule;
import io.ignis.config.rules.RuleFile;
import io.ignis.config.rules.RuleFileLoader;
import io.ignis.config.rules.RuleGroup;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rule file as {@code promtool check rules} does: the file's schema (config module), then every
 * expression with the PromQL parser, reporting each bad expression with its position in the file.
 */
final class RuleFileCheck implements RuleFilesChecker {
    private final ParserOptions parserOptions;

    RuleFileCheck(ParserOptions parserOptions) {
        this.parserOptions = parserOptions;
    }

    @Override
    public Result check(Path file) {
        RuleFile rules;
        try {
            rules = RuleFileLoader.loadFile(file);
        } catch (ConfigException e) {
            return Result.failed(List.of(e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        int count = 0;
        for (RuleGroup group : rules.groups()) {
            for (int i = 0; i < group.rules().size(); i++) {
                Rule rule = group.rules().get(i);
                count++;
                try {
                    PromqlParser.parse(rule.expr(), parserOptions);
                } catch (ParseException e) {
                    // As promtool: "file: line:col: group "g", rule 1, "name": could not parse expression: …"
                    errors.add(file + ": " + rule.exprMark().line() + ":" + rule.exprMark().column() + ": group \""
                            + group.name() + "\", rule " + (i + 1) + ", \"" + rule.name()
                            + "\": could not parse expression: " + e.getMessage());
                }
            }
        }
        return errors.isEmpty() ? Result.ok(count) : Result.failed(errors);
    }
}
