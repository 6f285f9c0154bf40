package io.ignis.server;

import io.ignis.config.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one flag at a time from a parsed command line, applying defaults and converting with clear errors. */
final class FlagValues {
    private static final String[] SIZE_UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private final CommandLineArgs cl;
    private final Map<String, String> shown = new LinkedHashMap<>();

    FlagValues(CommandLineArgs cl) {
        this.cl = cl;
        for (FlagDef def : FlagTable.ALL) {
            shown.put(def.name(), raw(def));
        }
    }

    /** Every flag as a string, in table order: the given value or the default. */
    Map<String, String> shown() {
        return shown;
    }

    String string(String name) {
        return raw(def(name));
    }

    List<String> list(String name) {
        List<String> given = cl.lists().get(name);
        if (given != null && !given.isEmpty()) {
            return List.copyOf(given);
        }
        String def = def(name).defaultValue();
        return def.isEmpty() ? List.of() : List.of(def.split(","));
    }

    boolean bool(String name) {
        String value = string(name);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw FlagException.invalidValue(name, value, "expected true or false");
        };
    }

    long duration(String name) {
        String value = string(name);
        if (value.isEmpty()) {
            shown.put(name, "0s");
            return 0;
        }
        try {
            return Durations.parse(value).toMillis();
        } catch (IllegalArgumentException e) {
            throw FlagException.invalidValue(name, value, e.getMessage());
        }
    }

    int integer(String name) {
        String value = string(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FlagException.invalidValue(name, value, "expected an integer");
        }
    }

    /** Bytes with a required unit in powers of two ({@code 1KB} is 1024B), as Prometheus parses sizes. */
    long size(String name) {
        String value = string(name);
        if (value.isEmpty()) {
            shown.put(name, "0B");
            return 0;
        }
        for (int i = SIZE_UNITS.length - 1; i >= 0; i--) {
            if (value.endsWith(SIZE_UNITS[i]) && value.length() > SIZE_UNITS[i].length()) {
                String digits = value.substring(0, value.length() - SIZE_UNITS[i].length());
                if (digits.chars().allMatch(Character::isDigit)) {
                    try {
                        return Math.multiplyExact(Long.parseLong(digits), 1L << (10 * i));
                    } catch (ArithmeticException | NumberFormatException e) {
                        throw FlagException.invalidValue(name, value, "size out of range");
                    }
                }
            }
        }
        throw FlagException.invalidValue(name, value, "expected a number with a unit: B, KB, MB, GB, TB, PB, EB");
    }

    String choice(String name) {
        FlagDef def = def(name);
        String value = raw(def);
        if (!def.choices().contains(value)) {
            throw FlagException.invalidValue(name, value, "expected one of " + String.join(", ", def.choices()));
        }
        return value;
    }

    private String raw(FlagDef def) {
        if (def.kind() == FlagKind.LIST) {
            List<String> given = cl.lists().get(def.name());
            return given == null ? def.defaultValue() : String.join(",", given);
        }
        return cl.given().getOrDefault(def.name(), def.defaultValue());
    }

    private static FlagDef def(String name) {
        FlagDef def = FlagTable.byName(name);
        if (def == null) {
            throw new IllegalStateException("bug: no flag named " + name);
        }
        return def;
    }
}
