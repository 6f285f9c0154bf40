package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.server.http.Handler;
import io.ignis.server.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Prometheus's envelope: {@code {"status":"success","data":…}} or
 * {@code {"status":"error","errorType":…,"error":…}} with the status {@link ApiErrors} chooses.
 */
public final class ApiResponses {
    public static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiResponses() {
    }

    public static Response success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        return Response.bytes(200, JSON, write(body));
    }

    public static Response error(Throwable e) {
        ErrorType type = ApiErrors.typeOf(e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", type.wireName());
        body.put("error", ApiErrors.messageOf(e));
        return Response.bytes(type.httpStatus(), JSON, write(body));
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

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: cannot write JSON: " + e.getMessage(), e);
        }
    }
}
