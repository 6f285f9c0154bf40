package io.ignis.server.rules.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Go template. {@link #parse} checks syntax, function names and variables; {@link #execute} runs it
 * against data (Java maps, lists, strings, longs, doubles, booleans, {@link StringMap} and the values of this
 * package) with {@code missingkey=zero}. Immutable; each execution has its own state.
 */
public final class Template {
    private final String name;
    private final Map<String, Node.ListNode> templates;
    private final Map<String, Func> funcs;

    private Template(String name, Map<String, Node.ListNode> templates, Map<String, Func> funcs) {
        this.name = name;
        this.templates = templates;
        this.funcs = funcs;
    }

    /** Parses with Go's builtin functions only. */
    public static Template parse(String name, String text) {
        return parse(name, text, Map.of());
    }

    static Template parse(String name, String text, Map<String, Func> extra) {
        Objects.requireNonNull(text, "text");
        Map<String, Func> funcs = new HashMap<>(Builtins.all());
        funcs.putAll(extra);
        return new Template(name, Parser.parse(name, text, funcs.keySet()), funcs);
    }

    /**
     * Executes the template.
     *
     * @throws TemplateException with Go's {@code template: name:line: executing …} wording
     */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        new Exec(name, templates, funcs, out).run(name, data);
        return out.toString();
    }

    public String name() {
        return name;
    }
}
