package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Matcher;
import io.ignis.model.Exemplar;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.parser.ParseException;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;
import io.ignis.storage.ExemplarQueryResult;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/v1/query_exemplars}, as Prometheus's {@code queryExemplars}: the exemplars of the series any selector
 * of {@code query} matches, between {@code start} and {@code end} (default: all time), as
 * {@code [{"seriesLabels":{…},"exemplars":[{"labels":{…},"value":"…","timestamp":<seconds>}]}]}. A query without
 * selectors answers 204, as there.
 */
final class ExemplarsApi {
    private final ApiDependencies deps;

    ExemplarsApi(ApiDependencies deps) {
        this.deps = deps;
    }

    Response queryExemplars(Request r) {
        long start = ApiParams.time(r, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(r, "end", ApiParams.MAX_TIME);
        if (end < start) {
            throw new ApiException(ErrorType.BAD_DATA, "end timestamp must not be before start timestamp");
        }
        Expr e;
        try {
            String query = r.param("query");
            e = deps.parser().parse(query == null ? "" : query);
        } catch (ParseException ex) {
            throw new ApiException(ErrorType.BAD_DATA, ex.getMessage(), ex);
        }
        List<Matcher[]> selectors = Selectors.extract(e);
        if (selectors.isEmpty()) {
            return ApiResponses.noContent();
        }
        List<ExemplarQueryResult> results = deps.exemplars().exemplarQuerier().select(start, end, selectors);
        return ApiResponses.success(g -> write(g, results), Annotations.EMPTY);
    }

    private static void write(JsonGenerator g, List<ExemplarQueryResult> results) throws IOException {
        g.writeStartArray();
        for (ExemplarQueryResult res : results) {
            g.writeStartObject();
            g.writeFieldName("seriesLabels");
            ApiJson.labels(g, res.seriesLabels());
            g.writeFieldName("exemplars");
            g.writeStartArray();
            for (Exemplar x : res.exemplars()) {
                g.writeStartObject();
                g.writeFieldName("labels");
                ApiJson.labels(g, x.labels());
                g.writeFieldName("value");
                ApiJson.sampleValue(g, x.value());
                g.writeFieldName("timestamp");
                ApiJson.timestamp(g, x.timestamp());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
