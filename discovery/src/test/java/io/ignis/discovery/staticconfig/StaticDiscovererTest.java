package io.ignis.discovery.staticconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.StaticConfig;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.TargetGroup;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static groups as Prometheus coalesces a job's static_configs: source is the entry's index. */
class StaticDiscovererTest {
    record Case(String name, List<StaticConfig> configs, List<TargetGroup> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> addr(String a) {
        return Map.of("__address__", a);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("one entry", List.of(new StaticConfig(List.of("localhost:9090"), Map.of())),
                        List.of(new TargetGroup("0", List.of(addr("localhost:9090")), Map.of()))),
                new Case("entries indexed in order, labels per entry", List.of(
                        new StaticConfig(List.of("a:1", "b:2"), Map.of("env", "prod")),
                        new StaticConfig(List.of("c:3"), Map.of("env", "dev", "team", "x"))),
                        List.of(new TargetGroup("0", List.of(addr("a:1"), addr("b:2")), Map.of("env", "prod")),
                                new TargetGroup("1", List.of(addr("c:3")), Map.of("env", "dev", "team", "x")))),
                new Case("entry without targets keeps its index", List.of(
                        new StaticConfig(List.of(), Map.of("a", "b")), new StaticConfig(List.of("x:1"), Map.of())),
                        List.of(new TargetGroup("0", List.of(), Map.of("a", "b")),
                                new TargetGroup("1", List.of(addr("x:1")), Map.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsAsPrometheus(Case c) {
        RecordingSink sink = new RecordingSink();
        try (StaticDiscoverer d = new StaticDiscoverer(c.configs())) {
            d.start(sink);
        }
        assertThat(sink.pushes()).containsExactly(c.want());
    }
}
