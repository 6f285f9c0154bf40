package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which rules of a group read which others' output, as Prometheus's buildDependencyMap decides (its dependency-map
 * test cases in our table). Rules are written {@code record: expr} or {@code alert: expr}; each wanted line reads
 * {@code name <- dependencies -> dependents}, or {@code name ?} when the group is indeterminate.
 */
class RuleDependenciesTest {
    @TempDir
    Path dir;

    record Case(String name, List<String> rules, List<String> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a single rule has neither", List.of("record a: sum(requests)"), List.of("a <- [] -> []")),
                new Case("recording rules and an alert reading them", List.of(
                        "record user:requests:rate1m: sum by (user) (rate(requests[1m]))",
                        "alert ZeroRequests: user:requests:rate1m <= 0",
                        "record user:requests:rate5m: sum by (user) (rate(requests[5m]))",
                        "record user:requests:increase1h: increase(user:requests:rate1m[1h])",
                        "record user:requests:sum5m: sum by (user) ({__name__=~\"user:requests.+5m\"})"), List.of(
                        "user:requests:rate1m <- [] -> [ZeroRequests, user:requests:increase1h]",
                        "ZeroRequests <- [user:requests:rate1m] -> []",
                        "user:requests:rate5m <- [] -> [user:requests:sum5m]",
                        "user:requests:increase1h <- [user:requests:rate1m] -> []",
                        "user:requests:sum5m <- [user:requests:rate5m] -> []")),
                new Case("rules reading no series are independent", List.of("record one: one", "record two: two",
                        "record three: 3"), List.of("one <- [] -> []", "two <- [] -> []", "three <- [] -> []")),
                new Case("a later rule is never a dependency", List.of("record a: b", "record b: sum(x)"),
                        List.of("a <- [] -> []", "b <- [] -> []")),
                new Case("a selector without a metric name makes the group indeterminate", List.of(
                        "record a: sum(requests)", "record b: count({user=\"bob\"})"), List.of("a ?", "b ?")),
                new Case("not-equal name matcher still names the metric", List.of("record first: sum(requests)",
                        "record second: sum({__name__!=\"requests\", service=\"app\"})"),
                        List.of("first <- [] -> [second]", "second <- [first] -> []")),
                new Case("ALERTS with alertname matchers", List.of(
                        "alert first: sum(requests) > 0",
                        "alert second: sum(ALERTS{alertname=\"test\"}) > 0",
                        "alert third: sum(ALERTS{alertname=~\"first.*\"}) > 0",
                        "alert fourth: sum(ALERTS{alertname!=\"first\"}) > 0",
                        "record fifth: sum(failures)",
                        "alert sixth: fifth > 0 and sum(ALERTS{alertname=\"fourth\"}) > 0"), List.of(
                        "first <- [] -> [third]",
                        "second <- [] -> [fourth]",
                        "third <- [first] -> [fourth]",
                        "fourth <- [second, third] -> [sixth]",
                        "fifth <- [] -> [sixth]",
                        "sixth <- [fourth, fifth] -> []")),
                new Case("ALERTS_FOR_STATE without alertname reads every earlier alert", List.of(
                        "record first: sum(requests)",
                        "alert second: sum(requests) > 0",
                        "alert third: sum(ALERTS_FOR_STATE) > 0",
                        "record fourth: sum(failures)",
                        "alert fifth: fourth > 0 and sum(ALERTS_FOR_STATE) > 0"), List.of(
                        "first <- [] -> []",
                        "second <- [] -> [third, fifth]",
                        "third <- [second] -> [fifth]",
                        "fourth <- [] -> [fifth]",
                        "fifth <- [second, third, fourth] -> []")),
                new Case("selectors inside subqueries and functions count", List.of("record a: sum(x)",
                        "record b: max_over_time(rate(a[5m])[1h:1m])"),
                        List.of("a <- [] -> [b]", "b <- [a] -> []")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyse(Case c) throws Exception {
        List<Rule> rules = load(c.rules());
        List<String> got = new ArrayList<>();
        for (Rule r : rules) {
            got.add(r.dependencyRules() == null ? r.name() + " ?" : r.name() + " <- " + names(r.dependencyRules())
                    + " -> " + names(r.dependentRules()));
        }
        assertThat(got).containsExactlyElementsOf(c.want());
    }

    /** The rules of one group loaded from a rule file, as the rule manager loads them. */
    List<Rule> load(List<String> rules) throws Exception {
        StringBuilder y = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (String r : rules) {
            int colon = r.indexOf(": ");
            String[] kindName = r.substring(0, colon).split(" ", 2);
            y.append("      - ").append(kindName[0]).append(": '").append(kindName[1]).append("'\n")
                    .append("        expr: '").append(r.substring(colon + 2).replace("'", "''")).append("'\n");
        }
        Path f = Files.writeString(dir.resolve("rules.yml"), y);
        List<String> errors = new ArrayList<>();
        List<RuleLoader.Loaded> loaded = RuleLoader.load(List.of(f), 60_000, 0, Map.of(), "", true, errors);
        assertThat(errors).isEmpty();
        return loaded.get(0).rules();
    }

    private static List<String> names(List<Rule> rules) {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(r.name());
        }
        return out;
    }
}
