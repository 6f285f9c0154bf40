package io.ignis.server.rules;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import io.ignis.server.rules.template.GoFloat;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The {@code data} of {@code /api/v1/rules} and {@code /api/v1/alerts}, field for field as Prometheus writes
 * them: seconds as floats, times as RFC 3339 (Go's zero time when never evaluated), alert values in Go's
 * shortest {@code %e}. The HTTP layer writes the envelope around it.
 */
public final class RulesJson {
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private RulesJson() {
    }

    /**
     * Writes {@code {"groups":[…]}} (and {@code groupNextToken} when {@code group_limit} cut the list); groups left
     * without rules by the filter are omitted, as Prometheus does.
     *
     * @throws IllegalArgumentException for a {@code group_next_token} that names no group ({@code bad_data})
     */
    public static void writeRules(JsonGenerator g, List<Group> groups, RulesFilter filter) throws IOException {
        String next = "";
        boolean foundToken = filter.groupNextToken().isEmpty();
        List<Group> selected = new java.util.ArrayList<>();
        for (Group grp : groups) {
            if (!foundToken) {
                if (!filter.groupNextToken().equals(nextToken(grp))) {
                    continue;
                }
                foundToken = true;
            }
            if (!filter.groupNames().isEmpty() && !filter.groupNames().contains(grp.name())
                    || !filter.files().isEmpty() && !filter.files().contains(grp.file())
                    || grp.rules().stream().noneMatch(filter::matches)) {
                continue;
            }
            if (filter.groupLimit() > 0 && selected.size() == filter.groupLimit()) {
                next = nextToken(grp);
                break;
            }
            selected.add(grp);
        }
        if (!foundToken) {
            throw new IllegalArgumentException("invalid parameter \"group_next_token\": invalid group_next_token '"
                    + filter.groupNextToken() + "'. were rule groups changed?");
        }
        g.writeStartObject();
        g.writeArrayFieldStart("groups");
        for (Group grp : selected) {
            if (!filter.groupNames().isEmpty() && !filter.groupNames().contains(grp.name())
                    || !filter.files().isEmpty() && !filter.files().contains(grp.file())) {
                continue;
            }
            List<Rule> rules = grp.rules().stream().filter(filter::matches).toList();
            if (rules.isEmpty()) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("name", grp.name());
            g.writeStringField("file", grp.file());
            g.writeArrayFieldStart("rules");
            for (Rule r : rules) {
                writeRule(g, r, filter.excludeAlerts());
            }
            g.writeEndArray();
            g.writeNumberField("interval", grp.intervalMs() / 1000.0);
            g.writeNumberField("limit", grp.limit());
            g.writeNumberField("evaluationTime", grp.evaluationTimeNanos() / 1e9);
            g.writeStringField("lastEvaluation", time(grp.lastEvaluation()));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!next.isEmpty()) {
            g.writeStringField("groupNextToken", next);
        }
        g.writeEndObject();
    }

    /** Prometheus's pagination token: hex SHA-256 of {@code file;name}. */
    static String nextToken(Group grp) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((grp.file() + ";" + grp.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: no SHA-256", e);
        }
    }

    private static void writeRule(JsonGenerator g, Rule r, boolean excludeAlerts) throws IOException {
        g.writeStartObject();
        if (r instanceof AlertingRule a) {
            g.writeStringField("state", a.state().apiName());
            g.writeStringField("name", a.name());
            g.writeStringField("query", a.query());
            g.writeNumberField("duration", a.holdDurationMs() / 1000.0);
            g.writeNumberField("keepFiringFor", a.keepFiringForMs() / 1000.0);
            writeLabels(g, "labels", a.labels());
            g.writeObjectFieldStart("annotations");
            for (var e : new java.util.TreeMap<>(a.annotations()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("alerts");
            if (excludeAlerts) {
                g.writeNull();
            } else {
                writeAlertList(g, a.activeAlerts());
            }
        } else {
            g.writeStringField("name", r.name());
            g.writeStringField("query", r.query());
            writeLabels(g, "labels", r.labels());
        }
        g.writeStringField("health", r.health().apiName());
        if (!r.lastError().isEmpty()) {
            g.writeStringField("lastError", r.lastError());
        }
        g.writeNumberField("evaluationTime", r.evaluationDurationNanos() / 1e9);
        g.writeStringField("lastEvaluation", time(r.evaluationTimestamp()));
        g.writeStringField("type", r instanceof AlertingRule ? "alerting" : "recording");
        g.writeEndObject();
    }

    /** Writes {@code {"alerts":[…]}}: the active alerts of every alerting rule. */
    public static void writeAlerts(JsonGenerator g, List<AlertingRule> rules) throws IOException {
        g.writeStartObject();
        g.writeFieldName("alerts");
        g.writeStartArray();
        for (AlertingRule r : rules) {
            for (Alert a : r.activeAlerts()) {
                writeAlert(g, a);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeAlertList(JsonGenerator g, List<Alert> alerts) throws IOException {
        g.writeStartArray();
        for (Alert a : alerts) {
            writeAlert(g, a);
        }
        g.writeEndArray();
    }

    private static void writeAlert(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        writeLabels(g, "labels", a.labels());
        writeLabels(g, "annotations", a.annotations());
        g.writeStringField("state", a.state().apiName());
        g.writeStringField("activeAt", time(a.activeAt()));
        if (a.keepFiringSince() != 0) {
            g.writeStringField("keepFiringSince", time(a.keepFiringSince()));
        }
        g.writeStringField("value", GoFloat.format(a.value(), 'e', -1));
        g.writeEndObject();
    }

    private static void writeLabels(JsonGenerator g, String field, Labels l) throws IOException {
        g.writeObjectFieldStart(field);
        for (int i = 0; i < l.size(); i++) {
            g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
    }

    /** Go's {@code time.Time} JSON in UTC; 0 is Go's zero time. */
    static String time(long ms) {
        return ms == 0 ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(ms));
    }
}
