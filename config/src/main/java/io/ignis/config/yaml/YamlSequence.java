package io.ignis.config.yaml;

import java.util.List;

/** A sequence of nodes. */
public record YamlSequence(List<YamlNode> items, Mark mark) implements YamlNode {
    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String tag() {
        return "!!seq";
    }
}
