package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubernetesSelectorsTest {
    record Case(String selector, String problem) {
        @Override
        public String toString() {
            return selector.isEmpty() ? "<empty>" : selector;
        }
    }

    static Stream<Case> labels() {
        return Stream.of(
                new Case("", null),
                new Case("app", null),
                new Case("!app", null),
                new Case("app=web", null),
                new Case("app==web", null),
                new Case("app!=web", null),
                new Case("tier=", null),
                new Case("example.com/team=infra", null),
                new Case("zone in (a, b),app notin (x)", null),
                new Case("replicas>2", null),
                new Case("app=web server", "unable to parse requirement: invalid label value: \"web server\""),
                new Case("bad key=x", "unable to parse requirement: invalid label key \"bad key\""),
                new Case("app=web,", "unable to parse requirement: found '', expected: identifier"),
                new Case("replicas>two", "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an"
                        + " integer"),
                new Case("zone in (a b)", "unable to parse requirement: invalid label value: \"a b\""));
    }

    static Stream<Case> fields() {
        return Stream.of(
                new Case("", null),
                new Case("status.phase=Running", null),
                new Case("status.phase!=Running,spec.nodeName==n1", null),
                new Case("metadata.status-Running", "invalid selector: 'metadata.status-Running'; can't understand "
                        + "'metadata.status-Running'"),
                new Case("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void labelSelectors(Case c) {
        assertThat(KubernetesSelectors.checkLabel(c.selector())).isEqualTo(c.problem());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void fieldSelectors(Case c) {
        assertThat(KubernetesSelectors.checkField(c.selector())).isEqualTo(c.problem());
    }
}
