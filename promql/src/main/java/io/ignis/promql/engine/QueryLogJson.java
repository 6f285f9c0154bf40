package io.ignis.promql.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats a {@link QueryLogEntry} as one line of Prometheus's query log: a JSON object with {@code time},
 * {@code level}, {@code source}, {@code msg} ("promql query logged"), {@code params} (end, query, start,
 * step in seconds), {@code error} when it failed, {@code stats} ({@code timings} in seconds and
 * {@code samples}) and {@code httpRequest}.
 */
public final class QueryLogJson {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private QueryLogJson() {
    }

    /** The entry as one JSON line, without the trailing newline. */
    public static String line(QueryLogEntry e) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"time\":\"").append(DATE.format(Instant.ofEpochMilli(e.timeMs()))).append('"');
        sb.append(",\"level\":\"INFO\",\"source\":\"engine\",\"msg\":\"promql query logged\"");
        sb.append(",\"params\":{\"end\":\"").append(DATE.format(Instant.ofEpochMilli(e.endMs())))
                .append("\",\"query\":");
        quote(sb, e.query());
        sb.append(",\"start\":\"").append(DATE.format(Instant.ofEpochMilli(e.startMs())))
                .append("\",\"step\":").append(e.stepMs() / 1000).append('}');
        if (e.error() != null) {
            sb.append(",\"error\":");
            quote(sb, e.error());
        }
        sb.append(",\"stats\":");
        stats(sb, e.stats());
        if (e.origin() != null) {
            sb.append(",\"httpRequest\":{\"clientIP\":");
            quote(sb, e.origin().clientIp());
            sb.append(",\"method\":");
            quote(sb, e.origin().method());
            sb.append(",\"path\":");
            quote(sb, e.origin().path());
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    /** Prometheus's {@code stats} object: {@code timings} in seconds, then {@code samples}. */
    public static void stats(StringBuilder sb, QueryStats s) {
        QueryTimings t = s.timings();
        sb.append("{\"timings\":{\"evalTotalTime\":").append(QueryTimings.seconds(t.evalTotalNanos()))
                .append(",\"resultSortTime\":").append(QueryTimings.seconds(t.resultSortNanos()))
                .append(",\"queryPreparationTime\":").append(QueryTimings.seconds(t.queryPreparationNanos()))
                .append(",\"innerEvalTime\":").append(QueryTimings.seconds(t.innerEvalNanos()))
                .append(",\"execQueueTime\":").append(QueryTimings.seconds(t.execQueueNanos()))
                .append(",\"execTotalTime\":").append(QueryTimings.seconds(t.execTotalNanos()))
                .append("},\"samples\":{");
        SamplesPerStep perStep = s.perStep();
        if (perStep != null) {
            sb.append("\"totalQueryableSamplesPerStep\":[");
            for (int i = 0; i < perStep.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('[').append(perStep.t(i) / 1000.0).append(',').append(perStep.count(i)).append(']');
            }
            sb.append("],");
        }
        sb.append("\"totalQueryableSamples\":").append(s.totalSamplesLoaded())
                .append(",\"peakSamples\":").append(s.peakSamples()).append("}}");
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
