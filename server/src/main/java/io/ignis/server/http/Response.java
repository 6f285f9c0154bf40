package io.ignis.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response: status, content type, extra headers and either the complete body bytes or, for answers that
 * may be large, a {@link BodyWriter} the server runs to send the body in chunks as it is produced.
 *
 * @param body   the body, empty when {@code stream} is set
 * @param stream writes the body incrementally, or null
 */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body,
                       BodyWriter stream) {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final byte[] NO_BYTES = new byte[0];

    public Response(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
    }

    public static Response text(int status, String text) {
        return new Response(status, TEXT_PLAIN, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, Map.of(), body);
    }

    /** A response whose body {@code writer} produces while it is sent (chunked once it outgrows one buffer). */
    public static Response streamed(int status, String contentType, BodyWriter writer) {
        return new Response(status, contentType, Map.of(), NO_BYTES, writer);
    }

    public boolean isStreamed() {
        return stream != null;
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, Map.copyOf(h), body, stream);
    }

    /** The same response with another body writer (the status and headers stay). */
    public Response withStream(BodyWriter writer) {
        return new Response(status, contentType, headers, NO_BYTES, writer);
    }

    /**
     * The body bytes. A streamed response is rendered into memory by this call, which is meant for tests and
     * in-process callers; the server itself never calls it for a streamed response.
     */
    @Override
    public byte[] body() {
        if (stream == null) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            stream.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("render streamed response: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
