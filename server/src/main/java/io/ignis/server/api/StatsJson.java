package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.promql.engine.QueryStats;
import java.io.IOException;

/**
 * The {@code stats} object of a query answer, in Prometheus's shape. The engine reports samples only, so the
 * timings are measured around execution here: evaluation and total time are the execution's wall time, preparation,
 * sorting and queueing 0 (Prometheus documents timings as unstable).
 */
final class StatsJson {
    private StatsJson() {
    }

    static void write(JsonGenerator g, QueryStats stats, long execNanos) throws IOException {
        double seconds = execNanos / 1e9;
        g.writeStartObject();
        g.writeObjectFieldStart("timings");
        g.writeFieldName("evalTotalTime");
        ApiJson.goNumber(g, seconds);
        g.writeFieldName("resultSortTime");
        ApiJson.goNumber(g, 0);
        g.writeFieldName("queryPreparationTime");
        ApiJson.goNumber(g, 0);
        g.writeFieldName("innerEvalTime");
        ApiJson.goNumber(g, seconds);
        g.writeFieldName("execQueueTime");
        ApiJson.goNumber(g, 0);
        g.writeFieldName("execTotalTime");
        ApiJson.goNumber(g, seconds);
        g.writeEndObject();
        g.writeObjectFieldStart("samples");
        g.writeNumberField("totalQueryableSamples", stats.totalSamplesLoaded());
        g.writeNumberField("samplesRead", stats.totalSamplesLoaded());
        g.writeNumberField("peakSamples", stats.peakSamples());
        g.writeEndObject();
        g.writeEndObject();
    }
}
