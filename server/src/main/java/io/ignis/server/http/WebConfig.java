package io.ignis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code --web.config.file} in the exporter-toolkit format: {@code tls_server_config},
 * {@code http_server_config} ({@code http2}, {@code headers}) and {@code basic_auth_users} (bcrypt hashes).
 * {@link #parse(Path)} validates every field and names file and field in its errors.
 *
 * @param tls            null when the server speaks plain HTTP
 * @param headers        extra response headers, by Prometheus's allowed names
 * @param basicAuthUsers user name to bcrypt hash; empty means no authentication
 */
public record WebConfig(TlsServerConfig tls, boolean http2, Map<String, String> headers,
                        Map<String, String> basicAuthUsers) {
    public static final WebConfig NONE = new WebConfig(null, true, Map.of(), Map.of());

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CLIENT_AUTH = Set.of("NoClientCert", "RequestClientCert",
            "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert");
    private static final Set<String> VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final Map<String, List<String>> HEADER_VALUES = Map.of(
            "Strict-Transport-Security", List.of(),
            "X-Content-Type-Options", List.of("nosniff"),
            "X-Frame-Options", List.of("deny", "sameorigin"),
            "X-XSS-Protection", List.of(),
            "Content-Security-Policy", List.of());

    public static WebConfig parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new WebConfigException("read web config " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses {@code text} as if read from {@code file}; relative paths inside resolve against its directory. */
    public static WebConfig parse(Path file, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new WebConfigException("web config " + file + ": " + firstLine(e.getMessage()), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        Fields f = new Fields(file, "", root);
        f.only("tls_server_config", "http_server_config", "basic_auth_users");
        Path dir = file.toAbsolutePath().getParent();
        TlsServerConfig tls = root.has("tls_server_config") ? tls(f.child("tls_server_config"), dir) : null;
        boolean http2 = true;
        Map<String, String> headers = Map.of();
        if (root.has("http_server_config")) {
            Fields h = f.child("http_server_config");
            h.only("http2", "headers");
            http2 = h.bool("http2", true);
            headers = headers(h);
        }
        Map<String, String> users = root.has("basic_auth_users") ? f.child("basic_auth_users").stringMap()
                : Map.of();
        for (Map.Entry<String, String> u : users.entrySet()) {
            if (!u.getValue().startsWith("$2")) {
                throw f.error("basic_auth_users." + u.getKey(), "not a bcrypt hash");
            }
        }
        return new WebConfig(tls, http2, headers, users);
    }

    private static TlsServerConfig tls(Fields t, Path dir) {
        t.only("cert_file", "key_file", "client_auth_type", "client_ca_file", "client_allowed_sans", "min_version",
                "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences");
        String cert = t.string("cert_file", "");
        String key = t.string("key_file", "");
        if (cert.isEmpty()) {
            throw t.error("cert_file", "missing cert_file");
        }
        if (key.isEmpty()) {
            throw t.error("key_file", "missing key_file");
        }
        String clientAuth = t.string("client_auth_type", "NoClientCert");
        if (!CLIENT_AUTH.contains(clientAuth)) {
            throw t.error("client_auth_type", "invalid ClientAuth: " + clientAuth);
        }
        String ca = t.string("client_ca_file", "");
        if (ca.isEmpty() && (clientAuth.equals("RequireAndVerifyClientCert")
                || clientAuth.equals("VerifyClientCertIfGiven"))) {
            throw t.error("client_ca_file", "client_ca_file is required with client_auth_type " + clientAuth);
        }
        String min = t.string("min_version", "TLS12");
        String max = t.string("max_version", "TLS13");
        for (String[] v : new String[][] {{"min_version", min}, {"max_version", max}}) {
            if (!VERSIONS.contains(v[1])) {
                throw t.error(v[0], "unknown TLS version: " + v[1]);
            }
        }
        if (min.compareTo(max) > 0) {
            throw t.error("min_version", "min_version " + min + " is above max_version " + max);
        }
        List<String> ciphers = t.stringList("cipher_suites");
        for (String c : ciphers) {
            if (!c.startsWith("TLS_")) {
                throw t.error("cipher_suites", "unknown cipher: " + c);
            }
        }
        List<String> curves = t.stringList("curve_preferences");
        for (String c : curves) {
            if (TlsContexts.namedGroup(c) == null) {
                throw t.error("curve_preferences", "unknown curve: " + c);
            }
        }
        return new TlsServerConfig(dir.resolve(cert), dir.resolve(key), clientAuth,
                ca.isEmpty() ? null : dir.resolve(ca), t.stringList("client_allowed_sans"), min, max, ciphers,
                t.bool("prefer_server_cipher_suites", true), curves);
    }

    private static Map<String, String> headers(Fields h) {
        if (!h.node.has("headers")) {
            return Map.of();
        }
        Map<String, String> headers = h.child("headers").stringMap();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            List<String> allowed = HEADER_VALUES.get(e.getKey());
            if (allowed == null) {
                throw h.error("headers", "HTTP header \"" + e.getKey() + "\" can not be configured");
            }
            if (!allowed.isEmpty() && !allowed.contains(e.getValue().toLowerCase(Locale.ROOT))) {
                throw h.error("headers", "invalid value for " + e.getKey() + ". Expected one of: " + allowed
                        + ", but got: \"" + e.getValue() + "\"");
            }
        }
        return headers;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** One mapping of the file, for typed reads with errors that name the field's full path. */
    private record Fields(Path file, String path, JsonNode node) {
        Fields {
            if (!node.isObject()) {
                throw new WebConfigException("web config " + file + ": " + (path.isEmpty() ? "document" : path)
                        + ": expected a mapping");
            }
        }

        WebConfigException error(String field, String problem) {
            return new WebConfigException("web config " + file + ": " + qualified(field) + ": " + problem);
        }

        private String qualified(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        void only(String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!ok.contains(name)) {
                    throw error(name, "field " + name + " not found in "
                            + (path.isEmpty() ? "web config" : path));
                }
            }
        }

        Fields child(String field) {
            return new Fields(file, qualified(field), node.get(field));
        }

        String string(String field, String dflt) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isValueNode()) {
                throw error(field, "expected a string");
            }
            return v.asText();
        }

        boolean bool(String field, boolean dflt) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw error(field, "expected true or false, got " + v.asText());
            }
            return v.booleanValue();
        }

        List<String> stringList(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(field, "expected a list");
            }
            List<String> out = new ArrayList<>();
            v.forEach(x -> out.add(x.asText()));
            return List.copyOf(out);
        }

        Map<String, String> stringMap() {
            Map<String, String> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw error(e.getKey(), "expected a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            });
            return Map.copyOf(out);
        }
    }
}
