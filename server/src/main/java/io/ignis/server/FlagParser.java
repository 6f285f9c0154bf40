package io.ignis.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Splits the command line the way Prometheus's kingpin does: {@code --name=value} or {@code --name value},
 * booleans without a value (or {@code --no-name}), repeatable list flags, last occurrence wins. picocli does the
 * tokenising; every value is taken as a string and converted by {@link Flags}, so errors read the same for all
 * kinds.
 */
final class FlagParser {
    private FlagParser() {
    }

    static CommandLineArgs parse(String[] args) {
        CommandLine cl = new CommandLine(spec());
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExpandAtFiles(false);
        cl.setPosixClusteredShortOptionsAllowed(false);
        ParseResult pr;
        try {
            pr = cl.parseArgs(negationsResolved(args));
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw unmatched(e.getUnmatched());
        } catch (CommandLine.MissingParameterException e) {
            throw new FlagException("expected argument for flag '" + firstName(e.getMissing()) + "'", e);
        } catch (CommandLine.ParameterException e) {
            throw new FlagException(lowercaseFirst(e.getMessage()), e);
        }
        Map<String, String> given = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        for (FlagDef def : FlagTable.ALL) {
            OptionSpec option = pr.matchedOption("--" + def.name());
            if (option == null) {
                continue;
            }
            if (def.kind() == FlagKind.LIST) {
                lists.put(def.name(), splitItems(option.getValue()));
            } else {
                given.put(def.name(), option.getValue());
            }
        }
        return new CommandLineArgs(pr.hasMatchedOption("--help"), pr.hasMatchedOption("--version"), given, lists);
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("ignis");
        spec.addOption(OptionSpec.builder("-h", "--help").arity("0").type(boolean.class).build());
        spec.addOption(OptionSpec.builder("--version").arity("0").type(boolean.class).build());
        for (FlagDef def : FlagTable.ALL) {
            OptionSpec.Builder b = OptionSpec.builder("--" + def.name());
            switch (def.kind()) {
                case BOOL -> b.type(String.class).arity("0..1").fallbackValue("true");
                case LIST -> b.type(String[].class).arity("1");
                default -> b.type(String.class).arity("1");
            }
            spec.addOption(b.build());
        }
        return spec;
    }

    /** {@code --no-web.enable-lifecycle} becomes {@code --web.enable-lifecycle=false} for boolean flags only. */
    private static String[] negationsResolved(String[] args) {
        String[] out = Arrays.copyOf(args, args.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i].equals("--")) {
                break;
            }
            if (out[i].startsWith("--no-")) {
                FlagDef def = FlagTable.byName(out[i].substring(5));
                if (def != null && def.kind() == FlagKind.BOOL) {
                    out[i] = "--" + def.name() + "=false";
                }
            }
        }
        return out;
    }

    private static List<String> splitItems(String[] occurrences) {
        List<String> items = new ArrayList<>();
        for (String occurrence : occurrences) {
            for (String item : occurrence.split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }

    private static FlagException unmatched(List<String> unmatched) {
        String arg = unmatched.isEmpty() ? "" : unmatched.get(0);
        int eq = arg.indexOf('=');
        if (arg.startsWith("--")) {
            return new FlagException("unknown long flag '" + (eq > 0 ? arg.substring(0, eq) : arg) + "'");
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            return new FlagException("unknown short flag '" + arg.substring(0, 2) + "'");
        }
        return new FlagException("unexpected " + arg);
    }

    private static String firstName(List<ArgSpec> missing) {
        for (ArgSpec arg : missing) {
            if (arg instanceof OptionSpec option) {
                return option.longestName();
            }
        }
        return "?";
    }

    private static String lowercaseFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
