package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.server.api.TsdbStatusSource.Stat;
import io.ignis.server.api.TsdbStatusSource.TsdbStatus;
import io.ignis.server.api.TsdbStatusSource.WalReplay;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;
import java.io.IOException;
import java.util.List;

/** {@code /api/v1/status/tsdb} (with {@code limit}, 1 to 10 000, default 10), {@code walreplay} and {@code alertmanagers}. */
final class StatusTsdbApi {
    private static final int MAX_LIMIT = 10_000;

    private final TsdbStatusSource tsdb;
    private final AlertmanagersSource alertmanagers;

    StatusTsdbApi(TsdbStatusSource tsdb, AlertmanagersSource alertmanagers) {
        this.tsdb = tsdb;
        this.alertmanagers = alertmanagers;
    }

    Response tsdbStatus(Request r) {
        int limit = 10;
        String s = r.param("limit");
        if (s != null && !s.isEmpty()) {
            try {
                limit = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) {
                throw new ApiException(ErrorType.BAD_DATA, "limit must be a positive number");
            }
            if (limit > MAX_LIMIT) {
                throw new ApiException(ErrorType.BAD_DATA, "limit must not exceed " + MAX_LIMIT);
            }
        }
        TsdbStatus st = tsdb.status(limit);
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("headStats");
            g.writeNumberField("numSeries", st.numSeries());
            g.writeNumberField("numLabelPairs", st.numLabelPairs());
            g.writeNumberField("chunkCount", st.chunkCount());
            g.writeNumberField("minTime", st.minTime());
            g.writeNumberField("maxTime", st.maxTime());
            g.writeEndObject();
            stats(g, "seriesCountByMetricName", st.seriesCountByMetricName());
            stats(g, "labelValueCountByLabelName", st.labelValueCountByLabelName());
            stats(g, "memoryInBytesByLabelName", st.memoryInBytesByLabelName());
            stats(g, "seriesCountByLabelValuePair", st.seriesCountByLabelValuePair());
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    private static void stats(JsonGenerator g, String field, List<Stat> stats) throws IOException {
        g.writeArrayFieldStart(field);
        for (Stat s : stats) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeNumberField("value", s.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    Response walReplay(Request r) {
        WalReplay w = tsdb.walReplay();
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeNumberField("min", w.min());
            g.writeNumberField("max", w.max());
            g.writeNumberField("current", w.current());
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    Response alertmanagers(Request r) {
        List<String> active = alertmanagers.active();
        List<String> dropped = alertmanagers.dropped();
        return ApiResponses.success(g -> {
            g.writeStartObject();
            urls(g, "activeAlertmanagers", active);
            urls(g, "droppedAlertmanagers", dropped);
            g.writeEndObject();
        }, Annotations.EMPTY);
    }

    private static void urls(JsonGenerator g, String field, List<String> urls) throws IOException {
        g.writeArrayFieldStart(field);
        for (String u : urls) {
            g.writeStartObject();
            g.writeStringField("url", u);
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
