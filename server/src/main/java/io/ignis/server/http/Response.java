package io.ignis.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete HTTP response: status, content type, extra headers and the body bytes. */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    public static Response text(int status, String text) {
        return new Response(status, TEXT_PLAIN, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, Map.of(), body);
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, Map.copyOf(h), body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
