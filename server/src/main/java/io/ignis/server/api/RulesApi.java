package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.promql.parser.ParseException;
import io.ignis.server.api.RulesSource.Alert;
import io.ignis.server.api.RulesSource.AlertingRule;
import io.ignis.server.api.RulesSource.Group;
import io.ignis.server.api.RulesSource.RecordingRule;
import io.ignis.server.api.RulesSource.Rule;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/v1/rules} (filters {@code type}, {@code rule_name[]}, {@code rule_group[]}, {@code file[]},
 * {@code match[]}, {@code exclude_alerts}) and {@code /api/v1/alerts}, from the {@link RulesSource}.
 */
final class RulesApi {
    private final RulesSource source;

    RulesApi(RulesSource source) {
        this.source = source;
    }

    Response rules(Request r) {
        Set<String> names = new HashSet<>(r.params("rule_name[]"));
        Set<String> groupNames = new HashSet<>(r.params("rule_group[]"));
        Set<String> files = new HashSet<>(r.params("file[]"));
        List<Matcher[]> matcherSets;
        try {
            matcherSets = ApiParams.matchers(r.params("match[]"));
        } catch (ParseException e) {
            throw new ApiException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
        String type = r.param("type") == null ? "" : r.param("type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiParams.invalid("type", "not supported value \"" + type + "\"");
        }
        boolean excludeAlerts = parseBool(r.param("exclude_alerts"));
        List<Group> groups = new ArrayList<>();
        for (Group grp : source.groups()) {
            if (!groupNames.isEmpty() && !groupNames.contains(grp.name())
                    || !files.isEmpty() && !files.contains(grp.file())) {
                continue;
            }
            List<Rule> kept = new ArrayList<>();
            for (Rule rule : grp.rules()) {
                boolean typeOk = rule instanceof AlertingRule ? !type.equals("record") : !type.equals("alert");
                if (typeOk && (names.isEmpty() || names.contains(rule.name())) && matchesAny(rule, matcherSets)) {
                    kept.add(rule);
                }
            }
            if (!kept.isEmpty()) {
                groups.add(new Group(grp.name(), grp.file(), kept, grp.intervalSeconds(), grp.limit(),
                        grp.evaluationTimeSeconds(), grp.lastEvaluationMillis()));
            }
        }
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("groups");
            for (Group grp : groups) {
                writeGroup(g, grp, excludeAlerts);
            }
            g.writeEndArray();
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    Response alerts(Request r) {
        List<Alert> alerts = new ArrayList<>();
        for (Group grp : source.groups()) {
            for (Rule rule : grp.rules()) {
                if (rule instanceof AlertingRule a) {
                    alerts.addAll(a.alerts());
                }
            }
        }
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("alerts");
            for (Alert a : alerts) {
                writeAlert(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    /** A rule is kept when no match[] is given or its labels (with its name as {@code __name__}) match one set. */
    private static boolean matchesAny(Rule rule, List<Matcher[]> sets) {
        if (sets.isEmpty()) {
            return true;
        }
        Labels l = rule.labels().toBuilder().set(Labels.METRIC_NAME, rule.name()).build();
        for (Matcher[] set : sets) {
            boolean all = true;
            for (Matcher m : set) {
                String v = l.get(m.name());
                all &= m.matches(v == null ? "" : v);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean parseBool(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw ApiParams.invalid("exclude_alerts", "error converting exclude_alerts: "
                    + "strconv.ParseBool: parsing \"" + v.toLowerCase(Locale.ROOT) + "\": invalid syntax");
        };
    }

    private static void writeGroup(JsonGenerator g, Group grp, boolean excludeAlerts) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", grp.name());
        g.writeStringField("file", grp.file());
        g.writeArrayFieldStart("rules");
        for (Rule rule : grp.rules()) {
            if (rule instanceof AlertingRule a) {
                writeAlerting(g, a, excludeAlerts);
            } else {
                writeRecording(g, (RecordingRule) rule);
            }
        }
        g.writeEndArray();
        g.writeFieldName("interval");
        ApiJson.goNumber(g, grp.intervalSeconds());
        g.writeNumberField("limit", grp.limit());
        g.writeFieldName("evaluationTime");
        ApiJson.goNumber(g, grp.evaluationTimeSeconds());
        g.writeStringField("lastEvaluation", GoTime.format(grp.lastEvaluationMillis()));
        g.writeEndObject();
    }

    private static void writeAlerting(JsonGenerator g, AlertingRule a, boolean excludeAlerts) throws IOException {
        g.writeStartObject();
        g.writeStringField("state", a.state());
        g.writeStringField("name", a.name());
        g.writeStringField("query", a.query());
        g.writeFieldName("duration");
        ApiJson.goNumber(g, a.durationSeconds());
        g.writeFieldName("keepFiringFor");
        ApiJson.goNumber(g, a.keepFiringForSeconds());
        g.writeFieldName("labels");
        ApiJson.labels(g, a.labels());
        g.writeFieldName("annotations");
        ApiJson.labels(g, a.annotations());
        g.writeFieldName("alerts");
        if (excludeAlerts) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Alert alert : a.alerts()) {
                writeAlert(g, alert);
            }
            g.writeEndArray();
        }
        g.writeStringField("health", a.health());
        if (a.lastError() != null && !a.lastError().isEmpty()) {
            g.writeStringField("lastError", a.lastError());
        }
        g.writeFieldName("evaluationTime");
        ApiJson.goNumber(g, a.evaluationTimeSeconds());
        g.writeStringField("lastEvaluation", GoTime.format(a.lastEvaluationMillis()));
        g.writeStringField("type", "alerting");
        g.writeEndObject();
    }

    private static void writeRecording(JsonGenerator g, RecordingRule r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("query", r.query());
        g.writeFieldName("labels");
        ApiJson.labels(g, r.labels());
        g.writeStringField("health", r.health());
        if (r.lastError() != null && !r.lastError().isEmpty()) {
            g.writeStringField("lastError", r.lastError());
        }
        g.writeFieldName("evaluationTime");
        ApiJson.goNumber(g, r.evaluationTimeSeconds());
        g.writeStringField("lastEvaluation", GoTime.format(r.lastEvaluationMillis()));
        g.writeStringField("type", "recording");
        g.writeEndObject();
    }

    private static void writeAlert(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        g.writeFieldName("labels");
        ApiJson.labels(g, a.labels());
        g.writeFieldName("annotations");
        ApiJson.labels(g, a.annotations());
        g.writeStringField("state", a.state());
        g.writeStringField("activeAt", GoTime.format(a.activeAtMillis()));
        if (a.keepFiringSinceMillis() != 0) {
            g.writeStringField("keepFiringSince", GoTime.format(a.keepFiringSinceMillis()));
        }
        g.writeStringField("value", ApiJson.formatExponent(a.value()));
        g.writeEndObject();
    }
}
