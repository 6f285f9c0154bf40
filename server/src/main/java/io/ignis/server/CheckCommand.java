package io.ignis.server;

import io.ignis.config.PrometheusConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ignis check config FILE...} and {@code ignis check rules FILE...}: validate like
 * {@code promtool check}, printing the same lines, and return 0 when every file is valid, 1 otherwise.
 */
final class CheckCommand {
    private final Function<Path, PrometheusConfig> configLoader;
    private final RuleFilesChecker rulesChecker;
    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(Function<Path, PrometheusConfig> configLoader, RuleFilesChecker rulesChecker, PrintStream out,
                 PrintStream err) {
        this.configLoader = configLoader;
        this.rulesChecker = rulesChecker;
        this.out = out;
        this.err = err;
    }

    /** {@code args} follow the word {@code check}. Usage errors throw {@link FlagException}. */
    int run(String[] args) {
        if (args.length == 0) {
            throw new FlagException("expected command but got none");
        }
        String what = args[0];
        if (!what.equals("config") && !what.equals("rules")) {
            throw new FlagException("expected command but got \"" + what + "\"");
        }
        if (args.length == 1) {
            throw new FlagException("required argument '" + what + "-files' not provided");
        }
        for (int i = 1; i < args.length; i++) {
            if (!Files.exists(Path.of(args[i]))) {
                throw new FlagException("path '" + args[i] + "' does not exist");
            }
        }
        boolean ok = true;
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            ok &= what.equals("config") ? checkConfig(file) : checkRules(file, "");
        }
        return ok ? 0 : 1;
    }

    private boolean checkConfig(Path file) {
        out.println("Checking " + file);
        PrometheusConfig config;
        try {
            config = configLoader.apply(file);
        } catch (RuntimeException e) {
            out.println();
            err.println("  FAILED: " + e.getMessage());
            return false;
        }
        List<Path> ruleFiles = config.matchRuleFiles();
        if (!ruleFiles.isEmpty()) {
            out.println("  SUCCESS: " + ruleFiles.size() + " rule files found");
        }
        out.println(" SUCCESS: " + file + " is valid prometheus config file syntax");
        out.println();
        boolean ok = true;
        for (Path ruleFile : ruleFiles) {
            // promtool indents the errors of rule files found through a config, not of files named directly.
            ok &= checkRules(ruleFile, "     ");
        }
        return ok;
    }

    private boolean checkRules(Path file, String errorIndent) {
        out.println("Checking " + file);
        RuleFilesChecker.Result result = rulesChecker.check(file);
        if (!result.errors().isEmpty()) {
            err.println("  FAILED:");
            for (String e : result.errors()) {
                err.println(errorIndent + e);
            }
            out.println();
            return false;
        }
        out.println("  SUCCESS: " + result.rules() + " rules found");
        out.println();
        return true;
    }
}
