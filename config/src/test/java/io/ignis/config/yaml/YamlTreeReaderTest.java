package io.ignis.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {
    @Test
    void marksKeysItemsAndScalars() {
        YamlMapping root = (YamlMapping) YamlTreeReader.read("""
                a: 1
                list:
                  - x
                  - "y"
                nested:
                    k: true
                """);

        assertThat(root.mark()).isEqualTo(new Mark(1, 1));
        assertThat(root.entry("a").keyMark()).isEqualTo(new Mark(1, 1));
        assertThat(root.entry("a").value()).isEqualTo(new YamlScalar("1", YamlScalar.Kind.INT, new Mark(1, 4)));
        YamlSequence list = (YamlSequence) root.entry("list").value();
        assertThat(list.items()).containsExactly(
                new YamlScalar("x", YamlScalar.Kind.STRING, new Mark(3, 5)),
                new YamlScalar("y", YamlScalar.Kind.STRING, new Mark(4, 5)));
        YamlMapping nested = (YamlMapping) root.entry("nested").value();
        assertThat(nested.entry("k").keyMark()).isEqualTo(new Mark(6, 5));
        assertThat(nested.entry("k").value()).isEqualTo(new YamlScalar("true", YamlScalar.Kind.BOOL,
                new Mark(6, 8)));
    }

    @Test
    void scalarKinds() {
        YamlMapping root = (YamlMapping) YamlTreeReader.read("""
                s: '10'
                i: 10
                f: 1.5
                b: false
                n: ~
                e:
                """);

        assertThat(((YamlScalar) root.entry("s").value()).kind()).isEqualTo(YamlScalar.Kind.STRING);
        assertThat(((YamlScalar) root.entry("i").value()).kind()).isEqualTo(YamlScalar.Kind.INT);
        assertThat(((YamlScalar) root.entry("f").value()).kind()).isEqualTo(YamlScalar.Kind.FLOAT);
        assertThat(((YamlScalar) root.entry("b").value()).kind()).isEqualTo(YamlScalar.Kind.BOOL);
        assertThat(((YamlScalar) root.entry("n").value()).isNull()).isTrue();
        assertThat(((YamlScalar) root.entry("e").value()).isNull()).isTrue();
    }

    @Test
    void emptyDocumentIsNullAndOnlyTheFirstDocumentIsRead() {
        assertThat(YamlTreeReader.read("# only a comment\n")).isNull();
        assertThat(YamlTreeReader.read("")).isNull();
        YamlMapping first = (YamlMapping) YamlTreeReader.read("a: 1\n---\nb: 2\n");
        assertThat(first.entries()).extracting(YamlMapping.Entry::key).containsExactly("a");
    }

    @Test
    void aliasesResolveAndMergeKeysMergeWithoutOverriding() {
        YamlMapping root = (YamlMapping) YamlTreeReader.read("""
                base: &base
                  a: 1
                  b: 2
                copy: *base
                merged:
                  <<: *base
                  b: 3
                """);

        assertThat(root.entry("copy").value()).isSameAs(root.entry("base").value());
        YamlMapping merged = (YamlMapping) root.entry("merged").value();
        assertThat(merged.entries()).extracting(YamlMapping.Entry::key).containsExactly("b", "a");
        assertThat(((YamlScalar) merged.entry("b").value()).text()).isEqualTo("3");
    }

    @Test
    void binaryScalarsDecode() {
        YamlMapping root = (YamlMapping) YamlTreeReader.read("v: !!binary aGVsbG8=\n");
        assertThat(((YamlScalar) root.entry("v").value()).text()).isEqualTo("hello");
    }

    @Test
    void errorsCarryPositions() {
        assertThatThrownBy(() -> YamlTreeReader.read("a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(YamlException.class)
                .hasMessage("3:1: yaml: mapping key \"a\" already defined at line 1");
        assertThatThrownBy(() -> YamlTreeReader.read("a: *missing\n"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> YamlTreeReader.read("a: [1, 2\n"))
                .isInstanceOf(YamlException.class)
                .satisfies(e -> assertThat(((YamlException) e).mark().line()).isEqualTo(2));
        assertThatThrownBy(() -> YamlTreeReader.read("a:\n\t- b\n"))
                .isInstanceOf(YamlException.class)
                .satisfies(e -> assertThat(((YamlException) e).mark().line()).isEqualTo(2));
    }
}
