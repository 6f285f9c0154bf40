package io.ignis.scrape.client;

import io.ignis.config.Authorization;
import io.ignis.config.BasicAuth;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.HttpHeader;
import io.ignis.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The headers a job's config adds to every request: {@code basic_auth}, {@code authorization} and
 * {@code http_headers}. Files are read on every request, as Prometheus does, so a rotated credential is used by the
 * next scrape (the files are tiny and scrapes are seconds apart).
 */
final class AuthHeaders {
    private final HttpClientConfig config;

    AuthHeaders(HttpClientConfig config) {
        this.config = config;
    }

    /** Name/value pairs to add, in order. */
    List<String[]> headers() throws IOException {
        List<String[]> out = new ArrayList<>(2);
        BasicAuth basic = config.basicAuth();
        if (basic != null) {
            String user = valueOrFile(basic.username(), basic.usernameFile());
            String password = valueOrFile(basic.password() == null ? "" : basic.password().value(),
                    basic.passwordFile());
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            out.add(new String[] {"Authorization", "Basic " + token});
        }
        Authorization auth = config.authorization();
        if (auth != null) {
            String credentials = valueOrFile(auth.credentials() == null ? "" : auth.credentials().value(),
                    auth.credentialsFile());
            String type = auth.type() == null || auth.type().isEmpty() ? "Bearer" : auth.type();
            out.add(new String[] {"Authorization", type + " " + credentials});
        }
        for (Map.Entry<String, HttpHeader> h : config.httpHeaders().entrySet()) {
            for (String v : h.getValue().values()) {
                out.add(new String[] {h.getKey(), v});
            }
            for (Secret s : h.getValue().secrets()) {
                out.add(new String[] {h.getKey(), s.value()});
            }
            for (String f : h.getValue().files()) {
                out.add(new String[] {h.getKey(), read(f)});
            }
        }
        return out;
    }

    private static String valueOrFile(String value, String file) throws IOException {
        return file == null || file.isEmpty() ? value : read(file);
    }

    /** Go's config.FileSecret trims surrounding white space. */
    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    }
}
