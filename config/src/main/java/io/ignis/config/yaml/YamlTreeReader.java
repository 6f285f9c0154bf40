package io.ignis.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the first document of a YAML text into a located tree, with anchors and aliases resolved and {@code <<}
 * merge keys applied (Go's yaml.v2 does both). Duplicate keys are rejected, as yaml.v2's strict mode does.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final YAMLParser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlTreeReader(YAMLParser parser) {
        this.parser = parser;
    }

    /** The root node of the first document, or null when the text holds no document or only comments. */
    public static YamlNode read(String text) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            YamlTreeReader reader = new YamlTreeReader(parser);
            JsonToken first = parser.nextToken();
            return first == null ? null : reader.node(first);
        } catch (JsonProcessingException e) {
            MarkedYAMLException marked = markedCause(e);
            if (marked != null && marked.getProblemMark() != null) {
                org.yaml.snakeyaml.error.Mark at = marked.getProblemMark();
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                throw new YamlException("yaml: " + context + marked.getProblem(),
                        new Mark(at.getLine() + 1, at.getColumn() + 1), e);
            }
            JsonLocation at = e.getLocation();
            Mark mark = at == null ? new Mark(1, 1)
                    : new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            throw new YamlException("yaml: " + firstLine(e.getOriginalMessage()), mark, e);
        } catch (IOException e) {
            throw new YamlException("yaml: " + e.getMessage(), new Mark(1, 1), e);
        }
    }

    private static MarkedYAMLException markedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private Mark here() {
        JsonLocation at = parser.currentTokenLocation();
        return new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private YamlNode node(JsonToken token) throws IOException {
        Mark mark = here();
        String anchor = parser.getObjectId();
        YamlNode node = switch (token) {
            case START_OBJECT -> mapping(mark);
            case START_ARRAY -> sequence(mark);
            case VALUE_STRING -> parser.isCurrentAlias() ? alias(parser.getText(), mark)
                    : new YamlScalar(parser.getText(), YamlScalar.Kind.STRING, mark);
            case VALUE_NUMBER_INT -> new YamlScalar(parser.getText(), YamlScalar.Kind.INT, mark);
            case VALUE_NUMBER_FLOAT -> new YamlScalar(parser.getText(), YamlScalar.Kind.FLOAT, mark);
            case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(parser.getText(), YamlScalar.Kind.BOOL, mark);
            case VALUE_NULL -> new YamlScalar("", YamlScalar.Kind.NULL, mark);
            case VALUE_EMBEDDED_OBJECT -> binary(mark);
            default -> throw new YamlException("yaml: unexpected " + token, mark, null);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    /** A {@code !!binary} scalar: Go decodes it to its bytes, which must then be a valid UTF-8 string. */
    private YamlScalar binary(Mark mark) throws IOException {
        byte[] bytes = parser.getBinaryValue();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return new YamlScalar(text, YamlScalar.Kind.STRING, mark);
        } catch (CharacterCodingException e) {
            throw new YamlException("yaml: !!binary value is not valid UTF-8", mark, e);
        }
    }

    private YamlNode alias(String name, Mark mark) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            throw new YamlException("yaml: unknown anchor '" + name + "' referenced", mark, null);
        }
        return target;
    }

    private YamlMapping mapping(Mark mark) throws IOException {
        List<YamlMapping.Entry> entries = new ArrayList<>();
        List<YamlNode> merges = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            Mark keyMark = here();
            YamlNode value = node(parser.nextToken());
            if (key.equals("<<")) {
                merges.add(value);
                continue;
            }
            for (YamlMapping.Entry e : entries) {
                if (e.key().equals(key)) {
                    throw new YamlException("yaml: mapping key \"" + key + "\" already defined at line "
                            + e.keyMark().line(), keyMark, null);
                }
            }
            entries.add(new YamlMapping.Entry(key, keyMark, value));
        }
        for (YamlNode merge : merges) {
            merge(entries, merge);
        }
        return new YamlMapping(entries, mark);
    }

    private static void merge(List<YamlMapping.Entry> entries, YamlNode source) {
        if (source instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                merge(entries, item);
            }
            return;
        }
        if (!(source instanceof YamlMapping map)) {
            throw new YamlException("yaml: map merge requires map or sequence of maps as the value", source.mark(),
                    null);
        }
        outer:
        for (YamlMapping.Entry candidate : map.entries()) {
            for (YamlMapping.Entry e : entries) {
                if (e.key().equals(candidate.key())) {
                    continue outer;
                }
            }
            entries.add(candidate);
        }
    }

    private YamlSequence sequence(Mark mark) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(node(t));
        }
        return new YamlSequence(items, mark);
    }
}
