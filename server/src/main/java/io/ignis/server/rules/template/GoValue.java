package io.ignis.server.rules.template;

import java.util.List;

/**
 * A Java value that templates see as a Go struct or a type with methods: fields by exported name
 * ({@code .Labels}), methods called with arguments ({@code .Format "2006"}), and how {@code %v} prints it.
 */
interface GoValue {
    /** Returned by {@link #field} and {@link #call} for a name the type does not have. */
    Object MISSING = new Object();

    /** Go's name of the type, for error messages ({@code *template.sample}). */
    String typeName();

    default Object field(String name) {
        return MISSING;
    }

    default boolean hasMethod(String name) {
        return false;
    }

    /** Calls method {@code name}; throws {@link FuncException} with Go's wording for wrong arguments. */
    default Object call(String name, List<Object> args) {
        return MISSING;
    }

    /** The value as {@code fmt} prints it with {@code %v}. */
    String goString();
}
