package io.ignis.config.rules;

import java.util.List;

/** A parsed rule file: its groups in file order. */
public record RuleFile(String fileName, List<RuleGroup> groups) {
    public RuleFile {
        groups = List.copyOf(groups);
    }
}
