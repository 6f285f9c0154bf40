package io.ignis.server.rules;

import io.ignis.config.ConfigException;
import io.ignis.config.rules.Rule;
import io.ignis.config.rules.RuleFile;
import io.ignis.config.rules.RuleFileLoader;
import io.ignis.config.rules.RuleGroup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ignis check rules}: validates rule files like {@code promtool check rules} (file format, expressions,
 * alert templates) and reports {@code SUCCESS: N rules found} or the errors per file.
 */
public final class RuleChecker {
    private RuleChecker() {
    }

    /** Checks every file, printing promtool's report; returns whether all are valid. */
    public static boolean check(List<Path> files, PrintStream out) {
        boolean ok = true;
        for (Path f : files) {
            out.println("Checking " + f);
            List<String> errors = new ArrayList<>();
            int n = checkFile(f, errors);
            if (errors.isEmpty()) {
                out.println("  SUCCESS: " + n + " rules found");
            } else {
                ok = false;
                out.println("  FAILED:");
                for (String e : errors) {
                    out.println(e);
                }
            }
            out.println();
        }
        return ok;
    }

    /** Returns the number of rules; adds the problems found to {@code errors}. */
    static int checkFile(Path f, List<String> errors) {
        RuleFile rf;
        try {
            rf = RuleFileLoader.loadFile(f);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
            return 0;
        }
        int n = 0;
        for (RuleGroup g : rf.groups()) {
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                n++;
                String problem = RuleLoader.check(r);
                if (problem != null) {
                    errors.add(f + ": group \"" + g.name() + "\", rule " + (i + 1) + ", \"" + r.name() + "\": "
                            + problem);
                }
            }
        }
        return n;
    }
}
