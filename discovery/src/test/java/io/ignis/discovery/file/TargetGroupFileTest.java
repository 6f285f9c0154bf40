package io.ignis.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.discovery.TargetGroup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TargetGroupFileTest {
    record Case(String name, String path, String content, List<TargetGroup> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Bad(String name, String path, String content, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> addr(String a) {
        return Map.of("__address__", a);
    }

    static Stream<Case> valid() {
        // The shape of Prometheus's fixtures/valid.{json,yml}: two groups, labels on the first only.
        List<TargetGroup> twoGroups = List.of(
                new TargetGroup("/sd/x.json:0", List.of(addr("localhost:9090"), addr("example.org:443")),
                        Map.of("foo", "bar", "__meta_filepath", "/sd/x.json")),
                new TargetGroup("/sd/x.json:1", List.of(addr("my.domain")), Map.of("__meta_filepath", "/sd/x.json")));
        List<TargetGroup> twoGroupsYaml = List.of(
                new TargetGroup("/sd/x.yml:0", List.of(addr("localhost:9090"), addr("example.org:443")),
                        Map.of("foo", "bar", "__meta_filepath", "/sd/x.yml")),
                new TargetGroup("/sd/x.yml:1", List.of(addr("my.domain")), Map.of("__meta_filepath", "/sd/x.yml")));
        return Stream.of(
                new Case("json", "/sd/x.json", """
                        [{"targets": ["localhost:9090", "example.org:443"], "labels": {"foo": "bar"}},
                         {"targets": ["my.domain"]}]""", twoGroups),
                new Case("yaml", "/sd/x.yml", """
                        - targets: ['localhost:9090', 'example.org:443']
                          labels:
                            foo: bar
                        - targets: [my.domain]
                        """, twoGroupsYaml),
                new Case("yaml, double quotes and upper-case extension", "/sd/x.YAML", """
                        - targets: ["a:1"]
                          labels: {n: 1}
                        """, List.of(new TargetGroup("/sd/x.YAML:0", List.of(addr("a:1")),
                        Map.of("n", "1", "__meta_filepath", "/sd/x.YAML")))),
                new Case("empty yaml file", "/sd/e.yml", "", List.of()),
                new Case("empty json list", "/sd/e.json", "[]", List.of()),
                new Case("group without targets", "/sd/n.json", "[{\"labels\": {\"a\": \"b\"}}]",
                        List.of(new TargetGroup("/sd/n.json:0", List.of(),
                                Map.of("a", "b", "__meta_filepath", "/sd/n.json")))));
    }

    static Stream<Bad> invalid() {
        return Stream.of(
                new Bad("null item (Prometheus's invalid_nil)", "/sd/x.json",
                        "[{\"targets\": [\"a:1\"]}, null]", "nil target group item found"),
                new Bad("null item in yaml", "/sd/x.yml", "- targets: ['a:1']\n- null\n",
                        "nil target group item found"),
                new Bad("unknown field", "/sd/x.json", "[{\"targets\": [], \"lables\": {}}]",
                        "target group 0: unknown field \"lables\""),
                new Bad("not a list", "/sd/x.yml", "targets: ['a:1']\n",
                        "expected a list of target groups, got OBJECT"),
                new Bad("number label in json", "/sd/x.json", "[{\"labels\": {\"a\": 1}}]",
                        "target group 0: label a: expected a string, got NUMBER"),
                new Bad("duplicate key in yaml", "/sd/x.yml", "- targets: ['a:1']\n  targets: ['b:1']\n",
                        "Duplicate field 'targets'"),
                new Bad("syntax error", "/sd/x.json", "[{\"targets\": [\"a:1\"]", "at line 1"),
                new Bad("yaml syntax error", "/sd/x.yml", "- targets: ['a:1'\n", "at line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(Case c) {
        assertThat(TargetGroupFile.parse(c.path(), c.content().getBytes(StandardCharsets.UTF_8))).isEqualTo(c.want());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(Bad c) {
        assertThatThrownBy(() -> TargetGroupFile.parse(c.path(), c.content().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.error());
    }
}
