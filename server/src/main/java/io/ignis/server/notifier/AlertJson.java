package io.ignis.server.notifier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Alertmanager API v2's {@code postableAlerts} body: labels, annotations, startsAt, endsAt, generatorURL. */
final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    static byte[] encode(List<NotifierAlert> alerts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (NotifierAlert a : alerts) {
                g.writeStartObject();
                writeLabels(g, "labels", a.labels());
                writeLabels(g, "annotations", a.annotations());
                if (a.startsAt() != 0) {
                    g.writeStringField("startsAt", rfc3339(a.startsAt()));
                }
                if (a.endsAt() != 0) {
                    g.writeStringField("endsAt", rfc3339(a.endsAt()));
                }
                g.writeStringField("generatorURL", a.generatorURL());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLabels(JsonGenerator g, String field, Labels l) throws IOException {
        g.writeObjectFieldStart(field);
        for (int i = 0; i < l.size(); i++) {
            g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
    }

    /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped: {@code 2026-01-02T03:04:05.1Z}. */
    static String rfc3339(long ms) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(ms));
    }
}
