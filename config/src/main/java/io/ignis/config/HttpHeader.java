package io.ignis.config;

import java.util.List;

/** One entry of {@code http_headers}: literal values, secret values and files to read values from. */
public record HttpHeader(List<String> values, List<Secret> secrets, List<String> files) {
    public HttpHeader {
        values = List.copyOf(values);
        secrets = List.copyOf(secrets);
        files = List.copyOf(files);
    }
}
