package io.ignis.config;

import io.ignis.config.yaml.Mark;
import io.ignis.config.yaml.YamlMapping;
import io.ignis.config.yaml.YamlNode;
import io.ignis.config.yaml.YamlScalar;
import io.ignis.config.yaml.YamlSequence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds one YAML mapping to a config record by hand: typed getters that remember which keys were read, so that
 * {@link #finish(String)} can reject unknown fields, and error builders that name file:line:column and the field
 * path. Shared by the config and rule-file loaders of this module; not meant for other modules.
 */
public final class FieldReader {
    /** Binds one element of a list of objects. */
    @FunctionalInterface
    public interface Binder<T> {
        T bind(FieldReader fields);
    }

    private final String file;
    private final Path dir;
    private final String path;
    private final YamlMapping map;
    private final Set<String> used = new HashSet<>();

    private FieldReader(String file, Path dir, String path, YamlMapping map) {
        this.file = file;
        this.dir = dir;
        this.path = path;
        this.map = map;
    }

    /**
     * A reader over {@code node}, which must be a mapping or null (an absent or empty block reads as empty).
     * {@code type} names the expected object in the type error, as in {@code cannot unmarshal !!seq into type}.
     * Relative file names read through {@link #file(String)} resolve against {@code dir} (null: leave them).
     */
    public static FieldReader of(String file, Path dir, String path, YamlNode node, Mark fallback, String type) {
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            Mark at = node == null ? fallback : node.mark();
            return new FieldReader(file, dir, path, new YamlMapping(List.of(), at));
        }
        if (node instanceof YamlMapping m) {
            return new FieldReader(file, dir, path, m);
        }
        throw at(file, node.mark(), path, "cannot unmarshal " + describe(node) + " into " + type);
    }

    static ConfigException at(String file, Mark mark, String path, String reason) {
        return new ConfigException(file, mark.line(), mark.column(), path, reason, null);
    }

    private static String describe(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return s.tag() + " `" + s.text() + "`";
        }
        return node.tag();
    }

    /** The name of the file being read, as errors show it. */
    public String fileName() {
        return file;
    }

    public String path() {
        return path;
    }

    public Mark mark() {
        return map.mark();
    }

    /** The path of field {@code key} of this mapping. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) {
        YamlMapping.Entry e = map.entry(key);
        return e != null && !(e.value() instanceof YamlScalar s && s.isNull());
    }

    /** Whether {@code key} is present at all, even as null. */
    public boolean present(String key) {
        return map.entry(key) != null;
    }

    /** The value node of {@code key}, or null; marks the key as read. */
    public YamlNode node(String key) {
        used.add(key);
        YamlMapping.Entry e = map.entry(key);
        return e == null ? null : e.value();
    }

    /** Where {@code key} is written, or where this mapping starts when it is absent. */
    public Mark markOf(String key) {
        YamlMapping.Entry e = map.entry(key);
        return e == null ? map.mark() : e.keyMark();
    }

    /** Where the value of {@code key} starts (as Prometheus places rule expressions), else as {@link #markOf}. */
    public Mark valueMarkOf(String key) {
        YamlMapping.Entry e = map.entry(key);
        return e == null ? map.mark() : e.value().mark();
    }

    /**
     * Where field {@code field} of item {@code index} of list {@code key} is written, falling back to the item and
     * then to the list; for checks across items such as duplicate names.
     */
    public Mark itemMark(String key, int index, String field) {
        YamlMapping.Entry e = map.entry(key);
        if (e == null) {
            return map.mark();
        }
        if (e.value() instanceof YamlSequence seq && index < seq.items().size()) {
            YamlNode item = seq.items().get(index);
            if (item instanceof YamlMapping m && m.entry(field) != null) {
                return m.entry(field).keyMark();
            }
            return item.mark();
        }
        return e.keyMark();
    }

    /** An error about field {@code key}, placed at the key (or at this mapping when the key is absent). */
    public ConfigException error(String key, String reason) {
        return at(file, markOf(key), path(key), reason);
    }

    /** An error about this mapping as a whole. */
    public ConfigException error(String reason) {
        return at(file, map.mark(), path, reason);
    }

    /** Rejects every key that no getter asked for, as Go's strict YAML decoding does. */
    public void finish(String type) {
        for (YamlMapping.Entry e : map.entries()) {
            if (!used.contains(e.key())) {
                throw at(file, e.keyMark(), path(e.key()), "field " + e.key() + " not found in type " + type);
            }
        }
    }

    /** Marks {@code key} read and throws the given reason if it is present: for fields we parse but refuse. */
    public void reject(String key, String reason) {
        used.add(key);
        if (present(key)) {
            throw error(key, reason);
        }
    }

    public String string(String key, String dflt) {
        YamlNode n = node(key);
        return n == null || isNull(n) ? dflt : scalar(n, path(key), "string");
    }

    /** A file name, joined to the config file's directory when relative, as Prometheus's JoinDir does. */
    public String file(String key) {
        return resolve(string(key, ""));
    }

    /** {@code name} joined to the config file's directory when it is relative and not empty. */
    public String resolve(String name) {
        if (name.isEmpty() || dir == null || Path.of(name).isAbsolute()) {
            return name;
        }
        return dir.resolve(name).normalize().toString();
    }

    public Secret secret(String key) {
        return new Secret(string(key, ""));
    }

    public boolean bool(String key, boolean dflt) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return dflt;
        }
        String text = scalar(n, path(key), "bool");
        return switch (((YamlScalar) n).kind() == YamlScalar.Kind.BOOL ? text.toLowerCase() : text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw typeError(n, path(key), "bool");
        };
    }

    /** A Go {@code uint}: a non-negative integer. */
    public long unsigned(String key, long dflt) {
        long v = integer(key, dflt, "uint");
        if (v < 0) {
            throw typeError(node(key), path(key), "uint");
        }
        return v;
    }

    /** A Go {@code int}. */
    public long integer(String key, long dflt) {
        return integer(key, dflt, "int");
    }

    private long integer(String key, long dflt, String type) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return dflt;
        }
        if (!(n instanceof YamlScalar s) || s.kind() != YamlScalar.Kind.INT) {
            throw typeError(n, path(key), type);
        }
        try {
            return Long.decode(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            throw typeError(n, path(key), type);
        }
    }

    public double number(String key, double dflt) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return dflt;
        }
        if (!(n instanceof YamlScalar s) || (s.kind() != YamlScalar.Kind.INT && s.kind() != YamlScalar.Kind.FLOAT)) {
            throw typeError(n, path(key), "float64");
        }
        try {
            return Double.parseDouble(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            throw typeError(n, path(key), "float64");
        }
    }

    public Duration duration(String key, Duration dflt) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return dflt;
        }
        String text = scalar(n, path(key), "model.Duration");
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw at(file, n.mark(), path(key), e.getMessage());
        }
    }

    public ByteSize byteSize(String key, ByteSize dflt) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return dflt;
        }
        String text = scalar(n, path(key), "units.Base2Bytes");
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw at(file, n.mark(), path(key), e.getMessage());
        }
    }

    /** A list of strings; absent or null reads as an empty list. */
    public List<String> strings(String key) {
        YamlNode n = node(key);
        List<String> out = new ArrayList<>();
        if (n == null || isNull(n)) {
            return out;
        }
        if (!(n instanceof YamlSequence seq)) {
            throw typeError(n, path(key), "[]string");
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            out.add(isNull(item) ? "" : scalar(item, path(key) + "[" + i + "]", "string"));
        }
        return out;
    }

    /** A mapping of strings to strings in document order; absent or null reads as empty. */
    public Map<String, String> stringMap(String key) {
        YamlNode n = node(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || isNull(n)) {
            return out;
        }
        if (!(n instanceof YamlMapping m)) {
            throw typeError(n, path(key), "map[string]string");
        }
        for (YamlMapping.Entry e : m.entries()) {
            String p = path(key) + "." + e.key();
            out.put(e.key(), isNull(e.value()) ? "" : scalar(e.value(), p, "string"));
        }
        return out;
    }

    /** The keys and raw value nodes of a mapping field, for maps whose values are objects or lists. */
    public List<YamlMapping.Entry> entries(String key, String type) {
        YamlNode n = node(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (!(n instanceof YamlMapping m)) {
            throw typeError(n, path(key), type);
        }
        return m.entries();
    }

    /** A nested object; an absent or null block binds as empty, so the binder fills its defaults. */
    public <T> T object(String key, String type, Binder<T> binder) {
        YamlNode n = node(key);
        FieldReader child = of(file, dir, path(key), n, markOf(key), type);
        T value = binder.bind(child);
        child.finish(type);
        return value;
    }

    /**
     * A list of objects. A null element fails with {@code nullMessage}, Prometheus's wording for that list, or,
     * when {@code nullMessage} is null, binds as an empty object.
     */
    public <T> List<T> objects(String key, String type, String nullMessage, Binder<T> binder) {
        YamlNode n = node(key);
        List<T> out = new ArrayList<>();
        if (n == null || isNull(n)) {
            return out;
        }
        if (!(n instanceof YamlSequence seq)) {
            throw typeError(n, path(key), "[]" + type);
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String p = path(key) + "[" + i + "]";
            if (isNull(item) && nullMessage != null) {
                throw at(file, item.mark(), p, nullMessage);
            }
            FieldReader child = of(file, dir, p, item, item.mark(), type);
            out.add(binder.bind(child));
            child.finish(type);
        }
        return out;
    }

    static boolean isNull(YamlNode n) {
        return n instanceof YamlScalar s && s.isNull();
    }

    private String scalar(YamlNode n, String p, String type) {
        if (n instanceof YamlScalar s) {
            return s.text();
        }
        throw typeError(n, p, type);
    }

    private ConfigException typeError(YamlNode n, String p, String type) {
        return at(file, n.mark(), p, "cannot unmarshal " + describe(n) + " into " + type);
    }
}
