package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every role's builder against the label sets of Prometheus's Kubernetes discovery tests (golden files). */
class KubernetesTargetsTest {
    static Stream<GoldenCase> cases() {
        return GoldenCase.FILES.stream().map(GoldenCase::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsAsPrometheus(GoldenCase c) {
        MapLookup lookup = new MapLookup(c.objects());
        List<TargetGroup> got = new ArrayList<>();
        for (HasMetadata o : c.primaries()) {
            got.add(Roles.build(c.role(), o, lookup, c.attach()));
        }
        assertThat(got).containsExactlyElementsOf(c.want());
    }
}
