package io.ignis.config.yaml;

/** One node of a located YAML tree. */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {
    /** Where the node starts. */
    Mark mark();

    /** The YAML 1.1 tag name of the node, as Go's yaml decoder names it in type errors ({@code !!str}). */
    String tag();
}
