package io.ignis.server.http;

import io.netty.handler.ssl.SslContext;
import java.util.Map;

/**
 * What {@link HttpServer} asks per connection and per request: the TLS context (null for plain HTTP), whether an
 * {@code Authorization} header is good enough, and headers to add to every response. Thread-safe.
 */
public interface WebSecurity {
    /** No TLS, no authentication, no extra headers. */
    WebSecurity NONE = new WebSecurity() {
        @Override
        public SslContext sslContext() {
            return null;
        }

        @Override
        public boolean authorized(String authorization) {
            return true;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }
    };

    SslContext sslContext();

    boolean authorized(String authorization);

    Map<String, String> headers();

    /** {@code client_allowed_sans}: when not empty, a client certificate must carry one of these names. */
    default java.util.List<String> clientAllowedSans() {
        return java.util.List.of();
    }
}
