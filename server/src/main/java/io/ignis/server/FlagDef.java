package io.ignis.server;

import java.util.List;

/**
 * One command-line flag: its Prometheus name (without the leading dashes), help text, default as written on
 * the command line ({@code ""} for none), kind, the placeholder shown in help when there is no default, and the
 * allowed words of a {@link FlagKind#CHOICE}.
 */
record FlagDef(String name, String help, String defaultValue, FlagKind kind, String placeholder,
               List<String> choices) {

    static FlagDef of(String name, FlagKind kind, String defaultValue, String help) {
        return new FlagDef(name, help, defaultValue, kind, "", List.of());
    }

    static FlagDef placeholder(String name, String placeholder, String help) {
        return new FlagDef(name, help, "", FlagKind.STRING, placeholder, List.of());
    }

    static FlagDef choice(String name, String defaultValue, List<String> choices, String help) {
        return new FlagDef(name, help, defaultValue, FlagKind.CHOICE, "", choices);
    }
}
