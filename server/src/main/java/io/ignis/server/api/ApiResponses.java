package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.http.Handler;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes Prometheus's envelope: {@code {"status":"success","data":…,"warnings":[…],"infos":[…]}} or
 * {@code {"status":"error","errorType":…,"error":…}} with the status {@link ApiErrors} chooses. Strings are
 * escaped as Go's encoder escapes them, so bodies match Prometheus's byte for byte.
 */
public final class ApiResponses {
    public static final String JSON = "application/json";
    /** As Prometheus's API: at most this many warnings and infos, then one "N more … omitted" line. */
    static final int MAX_ANNOTATIONS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper(ApiJson.generatorFactory());

    private ApiResponses() {
    }

    /** Writes the {@code data} value of a success envelope with a streaming generator. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes the {@code data} value of a success envelope and may add warnings or infos while doing so (a limit
     * found to cut the answer, warnings of a storage read); they go out after the data, as the envelope orders
     * them. Each call starts with fresh annotations, so the writer must not keep its own between calls.
     */
    @FunctionalInterface
    public interface AnnotatingDataWriter {
        void write(JsonGenerator g, Annotations annotations) throws IOException;
    }

    /** A success envelope around a value Jackson can bind (small, fixed-shape answers only). */
    public static Response success(Object data) {
        return success(g -> MAPPER.writeValue(g, data), Annotations.EMPTY);
    }

    /** A success envelope whose data the writer streams, with the warnings and infos (omitted when empty). */
    public static Response success(DataWriter data, Annotations annotations) {
        return success((g, more) -> data.write(g), annotations);
    }

    /**
     * A success envelope streamed to the client as it is written (see {@link Response#streamed}): the data, then
     * {@code annotations} together with those the writer added.
     */
    public static Response success(AnnotatingDataWriter data, Annotations annotations) {
        return Response.streamed(200, JSON, out -> {
            try (JsonGenerator g = ApiJson.generator(out)) {
                Annotations all = Annotations.create().merge(annotations);
                g.writeStartObject();
                g.writeStringField("status", "success");
                g.writeFieldName("data");
                data.write(g, all);
                annotations(g, "warnings", all.warnings(), "warning");
                annotations(g, "infos", all.infos(), "info");
                g.writeEndObject();
            }
        });
    }

    /** 204 with no body: what Prometheus answers when an API call has nothing to return (admin calls). */
    public static Response noContent() {
        return new Response(204, JSON, Map.of(), new byte[0]);
    }

    public static Response error(Throwable e) {
        ErrorType type = ApiErrors.typeOf(e);
        return Response.bytes(type.httpStatus(), JSON, write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("errorType", type.wireName());
            g.writeStringField("error", ApiErrors.messageOf(e));
            g.writeEndObject();
        }));
    }

    /** Wraps an API handler so any exception it throws is answered in the envelope. */
    public static Handler enveloped(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (Exception e) {
                return error(e);
            }
        };
    }

    private static void annotations(JsonGenerator g, String field, List<String> all, String kind)
            throws IOException {
        if (all.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        int n = Math.min(all.size(), MAX_ANNOTATIONS);
        for (int i = 0; i < n; i++) {
            g.writeString(all.get(i));
        }
        if (all.size() > n) {
            g.writeString((all.size() - n) + " more " + kind + " annotations omitted");
        }
        g.writeEndArray();
    }

    private static byte[] write(DataWriter body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ApiJson.generator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("bug: cannot write JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
