package io.ignis.server.notifier;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** The {@code data} of {@code /api/v1/alertmanagers}: active and dropped Alertmanager URLs. */
public final class AlertmanagersJson {
    private AlertmanagersJson() {
    }

    public static void write(JsonGenerator g, List<AlertmanagerTarget> active, List<AlertmanagerTarget> dropped)
            throws IOException {
        g.writeStartObject();
        writeList(g, "activeAlertmanagers", active);
        writeList(g, "droppedAlertmanagers", dropped);
        g.writeEndObject();
    }

    private static void writeList(JsonGenerator g, String field, List<AlertmanagerTarget> targets) throws IOException {
        g.writeArrayFieldStart(field);
        for (AlertmanagerTarget t : targets) {
            g.writeStartObject();
            g.writeStringField("url", t.url().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
