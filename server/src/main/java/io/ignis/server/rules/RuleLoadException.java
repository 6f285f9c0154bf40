package io.ignis.server.rules;

import java.util.List;

/** Rule files that failed to load; the manager keeps running its previous rules. */
public final class RuleLoadException extends RuntimeException {
    private final List<String> errors;

    public RuleLoadException(List<String> errors) {
        super("error loading rules, previous rule set restored: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
