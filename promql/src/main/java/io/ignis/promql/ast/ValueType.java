package io.ignis.promql.ast;

/** The type an expression evaluates to. {@link #toString()} is Prometheus's internal name ("vector"). */
public enum ValueType {
    NONE("none", "none"),
    SCALAR("scalar", "scalar"),
    VECTOR("vector", "instant vector"),
    MATRIX("matrix", "range vector"),
    STRING("string", "string");

    private final String name;
    private final String documentedName;

    ValueType(String name, String documentedName) {
        this.name = name;
        this.documentedName = documentedName;
    }

    /** The user-facing name used in error messages ("instant vector", "range vector"). */
    public String documentedName() {
        return documentedName;
    }

    @Override
    public String toString() {
        return name;
    }
}
