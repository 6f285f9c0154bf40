package io.ignis.config.rules;

import io.ignis.config.ConfigException;
import io.ignis.config.FieldReader;
import io.ignis.config.LabelNames;
import io.ignis.config.yaml.Mark;
import io.ignis.config.yaml.YamlException;
import io.ignis.config.yaml.YamlNode;
import io.ignis.config.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a rule file with the checks of Prometheus's {@code rulefmt}: strict fields, unique non-empty group names,
 * exactly one of record/alert, no {@code for}/{@code keep_firing_for}/annotations on recording rules, valid
 * names. The first problem fails the load with a {@link ConfigException} reading
 * {@code file:line:column: groups[i].rules[j].field: group "g", rule n, "name": reason}.
 * Alert label and annotation templates are only checked for unclosed actions; the server parses them fully.
 */
public final class RuleFileLoader {
    private RuleFileLoader() {
    }

    /** Loads {@code file} under UTF-8 name validation, Prometheus 3's default. */
    public static RuleFile loadFile(Path file) {
        return loadFile(file, LabelNames.UTF8);
    }

    /** Loads {@code file} under the given name validation scheme ({@code utf8} or {@code legacy}). */
    public static RuleFile loadFile(Path file, String nameValidationScheme) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("open " + file + ": no such file or directory", e);
        } catch (IOException e) {
            throw new ConfigException("read " + file + ": " + e.getMessage(), e);
        }
        return load(text, file.toString(), nameValidationScheme);
    }

    /** Loads rule-file text as if read from {@code fileName}. */
    public static RuleFile load(String yaml, String fileName, String nameValidationScheme) {
        YamlNode root;
        try {
            root = YamlTreeReader.read(yaml);
        } catch (YamlException e) {
            throw new ConfigException(fileName, e.mark().line(), e.mark().column(), "", e.reason(), e);
        }
        FieldReader r = FieldReader.of(fileName, null, "", root, new Mark(1, 1), "rulefmt.RuleGroups");
        List<RuleGroup> groups = r.objects("groups", "rulefmt.RuleGroup", null,
                g -> group(g, nameValidationScheme));
        r.finish("rulefmt.RuleGroups");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            String name = groups.get(i).name();
            if (!names.add(name)) {
                Mark at = r.itemMark("groups", i, "name");
                throw new ConfigException(fileName, at.line(), at.column(), "groups[" + i + "].name",
                        "groupname: \"" + name + "\" is repeated in the same file", null);
            }
        }
        return new RuleFile(fileName, groups);
    }

    private static RuleGroup group(FieldReader g, String scheme) {
        String name = g.string("name", "");
        if (name.isEmpty()) {
            throw g.error("name", "Groupname must not be empty");
        }
        Duration interval = g.duration("interval", Duration.ZERO);
        Duration queryOffset = g.has("query_offset") ? g.duration("query_offset", Duration.ZERO) : null;
        g.node("query_offset");
        long limit = g.integer("limit", 0);
        Map<String, String> labels = g.stringMap("labels");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!LabelNames.isValidLabelName(l.getKey(), scheme) || l.getKey().equals("__name__")) {
                throw g.error("labels", "invalid label name: " + l.getKey());
            }
            if (!LabelNames.isValidLabelValue(l.getValue())) {
                throw g.error("labels", "invalid label value: " + l.getValue());
            }
        }
        int[] index = {0};
        List<Rule> rules = g.objects("rules", "rulefmt.Rule", null, r -> rule(r, name, ++index[0], scheme));
        return new RuleGroup(name, interval, queryOffset, limit, labels, rules);
    }

    private static Rule rule(FieldReader r, String group, int number, String scheme) {
        Rule rule = new Rule(r.string("record", ""), r.string("alert", ""), r.string("expr", ""),
                r.duration("for", Duration.ZERO), r.duration("keep_firing_for", Duration.ZERO), r.stringMap("labels"),
                r.stringMap("annotations"), r.valueMarkOf("expr"));
        RuleChecks.check(r, rule, group, number, scheme);
        return rule;
    }
}
