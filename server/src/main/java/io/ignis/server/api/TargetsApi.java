package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.model.MetricMetadata;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.api.TargetsSource.ActiveTarget;
import io.ignis.storage.Annotations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /api/v1/targets}, {@code targets/metadata}, {@code scrape_pools} and {@code metadata}, from the
 * {@link TargetsSource}, shaped as Prometheus's. Pools are listed in name order, targets in the source's order.
 */
final class TargetsApi {
    private final TargetsSource source;

    TargetsApi(TargetsSource source) {
        this.source = source;
    }

    Response targets(Request r) {
        String pool = r.param("scrapePool");
        String state = r.param("state") == null ? "" : r.param("state").toLowerCase(Locale.ROOT);
        boolean active = state.isEmpty() || state.equals("any") || state.equals("active");
        boolean dropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
        Map<String, List<ActiveTarget>> activeTargets = active ? new TreeMap<>(source.activeTargets()) : Map.of();
        Map<String, List<Labels>> droppedTargets = dropped ? new TreeMap<>(source.droppedTargets()) : Map.of();
        Map<String, Integer> counts = dropped ? new TreeMap<>(source.droppedTargetCounts()) : null;
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("activeTargets");
            for (Map.Entry<String, List<ActiveTarget>> e : activeTargets.entrySet()) {
                if (pool == null || pool.isEmpty() || pool.equals(e.getKey())) {
                    for (ActiveTarget t : e.getValue()) {
                        writeTarget(g, e.getKey(), t);
                    }
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("droppedTargets");
            for (Map.Entry<String, List<Labels>> e : droppedTargets.entrySet()) {
                if (pool == null || pool.isEmpty() || pool.equals(e.getKey())) {
                    for (Labels l : e.getValue()) {
                        g.writeStartObject();
                        g.writeFieldName("discoveredLabels");
                        ApiJson.labels(g, l);
                        g.writeStringField("scrapePool", e.getKey());
                        g.writeEndObject();
                    }
                }
            }
            g.writeEndArray();
            g.writeFieldName("droppedTargetCounts");
            if (counts == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    private static void writeTarget(JsonGenerator g, String pool, ActiveTarget t) throws IOException {
        g.writeStartObject();
        g.writeFieldName("discoveredLabels");
        ApiJson.labels(g, t.discoveredLabels());
        g.writeFieldName("labels");
        ApiJson.labels(g, t.labels());
        g.writeStringField("scrapePool", pool);
        g.writeStringField("scrapeUrl", t.scrapeUrl());
        g.writeStringField("globalUrl", t.globalUrl());
        g.writeStringField("lastError", t.lastError());
        g.writeStringField("lastScrape", GoTime.format(t.lastScrapeMillis()));
        g.writeFieldName("lastScrapeDuration");
        ApiJson.goNumber(g, t.lastScrapeDurationSeconds());
        g.writeStringField("health", t.health());
        g.writeStringField("scrapeInterval", t.scrapeInterval());
        g.writeStringField("scrapeTimeout", t.scrapeTimeout());
        g.writeEndObject();
    }

    Response scrapePools(Request r) {
        List<String> pools = new ArrayList<>(source.scrapePools());
        pools.sort(null);
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("scrapePools");
            for (String p : pools) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    Response targetMetadata(Request r) {
        int limit = intParam(r, "limit", "limit must be a number");
        String matchTarget = r.param("match_target");
        List<Matcher> matchers = List.of();
        if (matchTarget != null && !matchTarget.isEmpty()) {
            try {
                matchers = PromqlParser.parseMetricSelector(matchTarget);
            } catch (ParseException e) {
                throw ApiParams.invalid("match_target", e);
            }
        }
        String metric = r.param("metric") == null ? "" : r.param("metric");
        List<Object[]> rows = new ArrayList<>();
        for (List<ActiveTarget> targets : source.activeTargets().values()) {
            for (ActiveTarget t : targets) {
                if (limit >= 0 && rows.size() >= limit) {
                    break;
                }
                if (!matches(t.labels(), matchers)) {
                    continue;
                }
                if (metric.isEmpty()) {
                    t.metadata().forEach((name, md) -> rows.add(new Object[] {t.labels(), name, md}));
                } else if (t.metadata().containsKey(metric)) {
                    rows.add(new Object[] {t.labels(), null, t.metadata().get(metric)});
                }
            }
        }
        return ApiResponses.success(g -> {
            g.writeStartArray();
            for (Object[] row : rows) {
                g.writeStartObject();
                g.writeFieldName("target");
                ApiJson.labels(g, (Labels) row[0]);
                if (row[1] != null) {
                    g.writeStringField("metric", (String) row[1]);
                }
                writeMetadataFields(g, (MetricMetadata) row[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }, Annotations.EMPTY);
    }

    Response metadata(Request r) {
        int limit = intParam(r, "limit", "limit must be a number");
        int perMetric = intParam(r, "limit_per_metric", "limit_per_metric must be a number");
        String metric = r.param("metric") == null ? "" : r.param("metric");
        Map<String, Set<MetricMetadata>> byName = new LinkedHashMap<>();
        for (List<ActiveTarget> targets : new TreeMap<>(source.activeTargets()).values()) {
            for (ActiveTarget t : targets) {
                t.metadata().forEach((name, md) -> {
                    if (!metric.isEmpty() && !metric.equals(name)) {
                        return;
                    }
                    Set<MetricMetadata> set = byName.computeIfAbsent(name, k -> new LinkedHashSet<>());
                    if (perMetric <= 0 || set.size() < perMetric) {
                        set.add(md);
                    }
                });
            }
        }
        return ApiResponses.success(g -> {
            g.writeStartObject();
            int n = 0;
            for (Map.Entry<String, Set<MetricMetadata>> e : new TreeMap<>(byName).entrySet()) {
                if (limit >= 0 && n++ >= limit) {
                    break;
                }
                g.writeArrayFieldStart(e.getKey());
                for (MetricMetadata md : e.getValue()) {
                    g.writeStartObject();
                    writeMetadataFields(g, md);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    private static void writeMetadataFields(JsonGenerator g, MetricMetadata md) throws IOException {
        g.writeStringField("type", md.type().text());
        g.writeStringField("help", md.help());
        g.writeStringField("unit", md.unit());
    }

    private static boolean matches(Labels l, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            String v = l.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    private static int intParam(Request r, String name, String error) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorType.BAD_DATA, error);
        }
    }
}
