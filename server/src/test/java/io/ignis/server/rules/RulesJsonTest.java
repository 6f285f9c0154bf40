package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ignis.labels.Labels;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RulesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RulesFixture f = new RulesFixture();
    private Group group;

    @BeforeEach
    void evaluate() {
        f.storage.add(Labels.of("__name__", "load", "instance", "h1"), 0, 0.95);
        RecordingRule rec = new RecordingRule("instance:load", "load", Labels.of("team", "core"));
        AlertingRule alert = new AlertingRule("HighLoad", "load > 0.9", 300_000, 60_000, Labels.of("severity", "page"),
                Map.of("summary", "{{ $labels.instance }}"), Map.of(), "http://x", true);
        group = new Group("load", "/etc/rules.yml", 60_000, 0, 0, List.of(rec, alert), false, f.options());
        f.clock.set(1_700_000_000_500L);
        group.eval(30_000);
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static JsonNode json(Writer w) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            w.write(g);
        }
        JsonNode n = JSON.readTree(out.toString());
        n.findParents("evaluationTime").forEach(p -> ((ObjectNode) p).put("evaluationTime", 0.5));
        return n;
    }

    @Test
    void rulesAsPrometheusWritesThem() throws IOException {
        JsonNode got = json(g -> RulesJson.writeRules(g, List.of(group), RulesFilter.ALL));
        assertThat(got).isEqualTo(JSON.readTree("""
                {"groups":[{"name":"load","file":"/etc/rules.yml","rules":[
                  {"name":"instance:load","query":"load","labels":{"team":"core"},"health":"ok",
                   "evaluationTime":0.5,"lastEvaluation":"2023-11-14T22:13:20.500Z","type":"recording"},
                  {"state":"pending","name":"HighLoad","query":"load > 0.9","duration":300.0,"keepFiringFor":60.0,
                   "labels":{"severity":"page"},"annotations":{"summary":"{{ $labels.instance }}"},
                   "alerts":[{"labels":{"alertname":"HighLoad","instance":"h1","severity":"page"},
                              "annotations":{"summary":"h1"},"state":"pending",
                              "activeAt":"1970-01-01T00:00:30Z","value":"9.5e-01"}],
                   "health":"ok","evaluationTime":0.5,"lastEvaluation":"2023-11-14T22:13:20.500Z","type":"alerting"}],
                 "interval":60.0,"limit":0,"evaluationTime":0.5,"lastEvaluation":"0001-01-01T00:00:00Z"}]}
                """));
    }

    @Test
    void filtersByTypeNameGroupFileAndMatchers() throws IOException {
        JsonNode records = json(g -> RulesJson.writeRules(g, List.of(group),
                RulesFilter.parse(Map.of("type", List.of("record")))));
        assertThat(records.at("/groups/0/rules")).hasSize(1);
        assertThat(records.at("/groups/0/rules/0/type").asText()).isEqualTo("recording");
        JsonNode byName = json(g -> RulesJson.writeRules(g, List.of(group),
                RulesFilter.parse(Map.of("rule_name[]", List.of("HighLoad"), "exclude_alerts", List.of("true")))));
        assertThat(byName.at("/groups/0/rules/0/name").asText()).isEqualTo("HighLoad");
        assertThat(byName.at("/groups/0/rules/0/alerts").isNull()).isTrue();
        JsonNode otherFile = json(g -> RulesJson.writeRules(g, List.of(group),
                RulesFilter.parse(Map.of("file[]", List.of("/other.yml")))));
        assertThat(otherFile.get("groups")).isEmpty();
        JsonNode otherGroup = json(g -> RulesJson.writeRules(g, List.of(group),
                RulesFilter.parse(Map.of("rule_group[]", List.of("load")))));
        assertThat(otherGroup.get("groups")).hasSize(1);
        JsonNode matched = json(g -> RulesJson.writeRules(g, List.of(group),
                RulesFilter.parse(Map.of("match[]", List.of("{severity=\"page\"}")))));
        assertThat(matched.at("/groups/0/rules")).hasSize(1);
        assertThatThrownBy(() -> RulesFilter.parse(Map.of("type", List.of("x"))))
                .hasMessage("invalid parameter \"type\": not supported value \"x\"");
    }

    @Test
    void alertsListsEveryActiveAlert() throws IOException {
        JsonNode got = json(g -> RulesJson.writeAlerts(g, List.of((AlertingRule) group.rules().get(1))));
        assertThat(got).isEqualTo(JSON.readTree("""
                {"alerts":[{"labels":{"alertname":"HighLoad","instance":"h1","severity":"page"},
                            "annotations":{"summary":"h1"},"state":"pending",
                            "activeAt":"1970-01-01T00:00:30Z","value":"9.5e-01"}]}
                """));
    }

    @Test
    void groupLimitPaginatesWithPrometheusTokens() throws IOException {
        Group other = new Group("zzz", "/etc/rules.yml", 60_000, 0, 0,
                List.of(new RecordingRule("x", "vector(1)", Labels.EMPTY)), false, f.options());
        List<Group> both = List.of(group, other);
        JsonNode first = json(g -> RulesJson.writeRules(g, both, RulesFilter.parse(Map.of("group_limit",
                List.of("1")))));
        assertThat(first.get("groups")).hasSize(1);
        String token = first.get("groupNextToken").asText();
        assertThat(token).isEqualTo(RulesJson.nextToken(other)).hasSize(64);
        JsonNode second = json(g -> RulesJson.writeRules(g, both, RulesFilter.parse(Map.of("group_limit",
                List.of("1"), "group_next_token", List.of(token)))));
        assertThat(second.at("/groups/0/name").asText()).isEqualTo("zzz");
        assertThat(second.has("groupNextToken")).isFalse();
        assertThatThrownBy(() -> RulesFilter.parse(Map.of("group_limit", List.of("0"))))
                .hasMessage("invalid parameter \"group_limit\": group_limit needs to be greater than 0");
        assertThatThrownBy(() -> json(g -> RulesJson.writeRules(g, both, RulesFilter.parse(Map.of("group_limit",
                List.of("1"), "group_next_token", List.of("nope"))))))
                .hasMessageContaining("invalid group_next_token 'nope'. were rule groups changed?");
    }
}
