package io.ignis.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A relabel regex: the text as written plus its RE2 compilation, anchored at both ends and with {@code .} matching
 * newlines, as Prometheus compiles {@code ^(?s:<regex>)$}. Equal when the text is equal.
 */
public final class RelabelRegex {
    public static final RelabelRegex DEFAULT = compile("(.*)");

    private final String source;
    private final Pattern pattern;

    private RelabelRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Compiles {@code source}; throws IllegalArgumentException worded like Go's {@code error parsing regexp}. */
    public static RelabelRegex compile(String source) {
        try {
            return new RelabelRegex(source, Pattern.compile("^(?s:" + source + ")$"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `"
                    + e.getPattern() + "`", e);
        }
    }

    /** The regex as written in the config, without the anchors. */
    public String source() {
        return source;
    }

    /** The anchored pattern. */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelabelRegex r && r.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(source);
    }

    @Override
    public String toString() {
        return source;
    }
}
