package io.ignis.discovery.ec2;

import io.ignis.config.HttpClientConfig;
import io.ignis.config.HttpHeader;
import io.ignis.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The SD block's {@code http_headers} on every EC2 and STS request. Header files are read per request, as
 * Prometheus does, so a rotated value applies at once.
 */
final class ConfiguredHeaders implements ExecutionInterceptor {
    private final Map<String, HttpHeader> headers;

    ConfiguredHeaders(HttpClientConfig http) {
        this.headers = http == null ? Map.of() : http.httpHeaders();
    }

    boolean isEmpty() {
        return headers.isEmpty();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest.Builder b = context.httpRequest().toBuilder();
        for (Map.Entry<String, HttpHeader> h : headers.entrySet()) {
            b.putHeader(h.getKey(), values(h.getValue()));
        }
        return b.build();
    }

    private static List<String> values(HttpHeader h) {
        List<String> out = new ArrayList<>(h.values());
        for (Secret s : h.secrets()) {
            out.add(s.value());
        }
        for (String f : h.files()) {
            try {
                out.add(Files.readString(Path.of(f), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("read http_headers file " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
