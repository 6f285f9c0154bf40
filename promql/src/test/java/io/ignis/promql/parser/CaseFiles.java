package io.ignis.promql.parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the case tables under {@code src/test/resources/io/ignis/promql/}: lines starting with {@code #} are
 * comments; escapes {@code \n}, {@code \t}, {@code \r}, {@code \\} and {@code \}{@code uXXXX} keep each value on
 * one line.
 */
public final class CaseFiles {
    private CaseFiles() {
    }

    /** A query and what is expected of it. */
    public record Case(String query, String expected) {
        @Override
        public String toString() {
            return query.isEmpty() ? "<empty>" : query.replace("\n", "\\n");
        }
    }

    /** The {@code query:}/{@code <key>:} pairs of a file. */
    public static List<Case> pairs(String name, String key) {
        List<Case> cases = new ArrayList<>();
        String query = null;
        for (String line : lines(name)) {
            if (line.startsWith("query:")) {
                query = unescape(value(line, "query:"));
            } else if (line.startsWith(key + ":")) {
                if (query == null) {
                    throw new IllegalStateException(name + ": " + key + " without query: " + line);
                }
                cases.add(new Case(query, unescape(value(line, key + ":"))));
                query = null;
            } else if (!line.isBlank()) {
                throw new IllegalStateException(name + ": unexpected line: " + line);
            }
        }
        return cases;
    }

    /** One value per non-blank line. */
    public static List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String line : lines(name)) {
            if (!line.isBlank()) {
                values.add(unescape(line));
            }
        }
        return values;
    }

    private static String value(String line, String prefix) {
        String v = line.substring(prefix.length());
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private static List<String> lines(String name) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = CaseFiles.class.getResourceAsStream("/io/ignis/promql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
