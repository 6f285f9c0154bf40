package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Matcher;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.value.LabelOrder;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/v1/series}, {@code labels} and {@code label/<name>/values}: metadata lookups over the storage's
 * queriers, with Prometheus's defaults (the whole time range), limits and warnings.
 */
final class SeriesApi {
    private final ApiDependencies deps;

    SeriesApi(ApiDependencies deps) {
        this.deps = deps;
    }

    Response series(Request r) {
        List<String> match = r.params("match[]");
        if (match.isEmpty()) {
            throw new ApiException(ErrorType.BAD_DATA, "no match[] parameter provided");
        }
        int limit = ApiParams.limit(r);
        long start = ApiParams.time(r, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(r, "end", ApiParams.MAX_TIME);
        List<Matcher[]> sets;
        try {
            sets = ApiParams.matchers(match);
        } catch (ParseException e) {
            throw ApiParams.invalid("match[]", e);
        }
        SelectHints hints = new SelectHints(start, end, 0, "series", List.of(), false, 0);
        // Streamed from the querier: sorted and deduplicated across match[] sets as Prometheus's merged series
        // set yields them, never more than one label set per set in memory.
        return ApiResponses.success((g, annotations) -> {
            try (Querier q = deps.queryable().querier(start, end)) {
                List<SeriesSet> selected = new ArrayList<>(sets.size());
                for (Matcher[] ms : sets) {
                    selected.add(q.select(true, hints, ms));
                }
                SortedLabelsMerge merged = new SortedLabelsMerge(selected);
                g.writeStartArray();
                int n = 0;
                while (merged.next()) {
                    if (limit > 0 && n == limit) {
                        annotations.addWarning(QueryApi.TRUNCATED);
                        break;
                    }
                    ApiJson.labels(g, merged.at());
                    n++;
                }
                g.writeEndArray();
                for (SeriesSet set : selected) {
                    annotations.merge(set.warnings());
                }
            }
        }, Annotations.EMPTY);
    }

    Response labelNames(Request r) {
        int limit = ApiParams.limit(r);
        long start = ApiParams.time(r, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(r, "end", ApiParams.MAX_TIME);
        List<Matcher[]> sets = matcherSets(r);
        TreeSet<String> names = new TreeSet<>(LabelOrder::compareStrings);
        try (Querier q = deps.queryable().querier(start, end)) {
            if (sets.isEmpty()) {
                names.addAll(q.labelNames());
            }
            for (Matcher[] ms : sets) {
                names.addAll(q.labelNames(ms));
            }
        }
        return strings(names, limit);
    }

    Response labelValues(Request r) {
        String name = unescapeName(r.pathParam("name"));
        if (name.isEmpty()) {
            throw new ApiException(ErrorType.BAD_DATA, "invalid label name: \"\"");
        }
        int limit = ApiParams.limit(r);
        long start = ApiParams.time(r, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(r, "end", ApiParams.MAX_TIME);
        List<Matcher[]> sets = matcherSets(r);
        TreeSet<String> values = new TreeSet<>(LabelOrder::compareStrings);
        try (Querier q = deps.queryable().querier(start, end)) {
            if (sets.isEmpty()) {
                values.addAll(q.labelValues(name));
            }
            for (Matcher[] ms : sets) {
                values.addAll(q.labelValues(name, ms));
            }
        }
        return strings(values, limit);
    }

    private static List<Matcher[]> matcherSets(Request r) {
        try {
            return ApiParams.matchers(r.params("match[]"));
        } catch (ParseException e) {
            throw new ApiException(ErrorType.BAD_DATA, e.getMessage(), e);
        }
    }

    private static Response strings(Collection<String> all, int limit) {
        Annotations annotations = Annotations.create();
        List<String> out = new ArrayList<>(all);
        if (limit > 0 && out.size() > limit) {
            out = out.subList(0, limit);
            annotations.addWarning(QueryApi.TRUNCATED);
        }
        List<String> result = out;
        return ApiResponses.success(g -> writeStrings(g, result), annotations);
    }

    private static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * Undoes Prometheus's value-encoding escaping of label names in paths ({@code U__} prefix, {@code __} for an
     * underscore, {@code _<hex>_} for any other character); a name that does not decode stays as it is.
     */
    static String unescapeName(String name) {
        if (!name.startsWith("U__")) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        String s = name.substring(3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_') {
                out.append(c);
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '_') {
                out.append('_');
                i++;
                continue;
            }
            int close = s.indexOf('_', i + 1);
            if (close < 0 || close == i + 1) {
                return name;
            }
            try {
                int cp = Integer.parseInt(s.substring(i + 1, close), 16);
                if (!Character.isValidCodePoint(cp)) {
                    return name;
                }
                out.appendCodePoint(cp);
            } catch (NumberFormatException e) {
                return name;
            }
            i = close;
        }
        return out.toString();
    }
}
