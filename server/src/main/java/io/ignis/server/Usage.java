package io.ignis.server;

import io.ignis.server.api.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints {@code --help} and {@code --version} in the layout Prometheus's kingpin uses. */
final class Usage {
    private static final int WIDTH = 80;
    private static final int FLAG_COLUMN = 31;

    private Usage() {
    }

    static String version(BuildInfo build) {
        return "ignis, version " + build.version() + " (branch: " + build.branch() + ", revision: "
                + build.revision() + ")\n"
                + "  build user:       " + build.buildUser() + "\n"
                + "  build date:       " + build.buildDate() + "\n"
                + "  java version:     " + System.getProperty("java.version") + "\n"
                + "  platform:         " + platform() + "\n";
    }

    /** {@code linux/amd64}, in Go's GOOS/GOARCH words as Prometheus prints it. */
    static String platform() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + "/"
                + Server.buildLabels(BuildInfo.load()).goarch();
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ignis [<flags>]\n");
        sb.append("       ignis check config <config-file>...\n");
        sb.append("       ignis check rules <rule-file>...\n\n");
        sb.append("A Prometheus-compatible monitoring server\n\n");
        sb.append("Flags:\n");
        row(sb, "  -h, --help", "Show context-sensitive help.");
        row(sb, "      --version", "Show application version.");
        for (FlagDef def : FlagTable.ALL) {
            row(sb, "      " + flagText(def), def.help());
        }
        sb.append("\nCommands:\n");
        row(sb, "  check config <config-file>...", "Validate configuration files, as promtool check config does.");
        row(sb, "  check rules <rule-file>...", "Validate rule files, as promtool check rules does.");
        return sb.toString();
    }

    /** {@code --name="default"} for strings, {@code --name=default} otherwise, as kingpin prints them. */
    private static String flagText(FlagDef def) {
        String name = "--" + def.name();
        return switch (def.kind()) {
            case BOOL -> name;
            case LIST -> def.defaultValue().isEmpty() ? name + "=<value> ..." : name + "=\"" + def.defaultValue()
                    + "\" ...";
            case STRING, CHOICE -> !def.placeholder().isEmpty() ? name + "=" + def.placeholder()
                    : name + "=\"" + def.defaultValue() + "\"";
            default -> def.defaultValue().isEmpty() ? name + "=<value>" : name + "=" + def.defaultValue();
        };
    }

    private static void row(StringBuilder sb, String left, String help) {
        List<String> lines = wrap(help, WIDTH - FLAG_COLUMN - 2);
        sb.append(left);
        if (left.length() + 2 > FLAG_COLUMN + 2) {
            sb.append("  \n").append(" ".repeat(FLAG_COLUMN + 2));
        } else {
            sb.append(" ".repeat(FLAG_COLUMN + 2 - left.length()));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append(" ".repeat(FLAG_COLUMN + 2));
            }
            sb.append(lines.get(i)).append('\n');
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
