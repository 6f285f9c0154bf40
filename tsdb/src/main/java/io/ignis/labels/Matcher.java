package io.ignis.labels;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A label matcher: {@code name op value}. Regular expressions use RE2 syntax and are fully anchored,
 * with {@code .} matching newlines, as in Prometheus 3. An absent label matches as the empty string.
 * Immutable and thread-safe.
 */
public final class Matcher {
    private final MatchType type;
    private final String name;
    private final String value;
    private final Pattern pattern; // null unless REGEX / NOT_REGEX

    private Matcher(MatchType type, String name, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern = switch (type) {
            case REGEX, NOT_REGEX -> compile(value);
            default -> null;
        };
    }

    /**
     * Creates a matcher.
     *
     * @throws IllegalArgumentException if a regex does not compile, with RE2's message
     */
    public static Matcher of(MatchType type, String name, String value) {
        return new Matcher(type, name, value);
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(MatchType.EQUAL, name, value);
    }

    public static Matcher notEqual(String name, String value) {
        return new Matcher(MatchType.NOT_EQUAL, name, value);
    }

    public static Matcher regex(String name, String value) {
        return new Matcher(MatchType.REGEX, name, value);
    }

    public static Matcher notRegex(String name, String value) {
        return new Matcher(MatchType.NOT_REGEX, name, value);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + quoted(regex) + ": "
                    + e.getDescription(), e);
        }
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        Labels.quote(sb, s);
        return sb.toString();
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Whether {@code v} (the empty string for an absent label) satisfies this matcher. */
    public boolean matches(String v) {
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> pattern.matches(v);
            case NOT_REGEX -> !pattern.matches(v);
        };
    }

    /** Whether this matcher accepts the empty string, i.e. also selects series without the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    /** As PromQL writes it: {@code name="value"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(type.symbol());
        Labels.quote(sb, value);
        return sb.toString();
    }
}
