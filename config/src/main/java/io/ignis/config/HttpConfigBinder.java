package io.ignis.config;

import io.ignis.config.yaml.YamlMapping;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the inlined {@code http_config} fields and validates them as Prometheus's common
 * {@code HTTPClientConfig.Validate} does, in the same order and with the same wording.
 */
final class HttpConfigBinder {
    private static final List<String> TLS_VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
    /** Headers the HTTP client sets itself, in Go's canonical form, as common's {@code Headers.Validate} lists. */
    private static final Set<String> RESERVED_HTTP_HEADERS = Set.of("Authorization", "Host", "Content-Encoding",
            "Content-Length", "Content-Type", "User-Agent", "Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Www-Authenticate", "Accept-Encoding", "X-Prometheus-Remote-Write-Version",
            "X-Prometheus-Remote-Read-Version", "X-Prometheus-Scrape-Timeout-Seconds", "X-Amz-Date",
            "X-Amz-Security-Token", "X-Amz-Content-Sha256");

    private HttpConfigBinder() {
    }

    /** Reads the http fields of {@code r}, starting from {@code defaults} for the two booleans. */
    static HttpClientConfig bind(FieldReader r, HttpClientConfig defaults) {
        r.reject("oauth2", "oauth2 is not supported by Ignis; use basic_auth, authorization or tls_config");
        BasicAuth basicAuth = r.has("basic_auth") ? r.object("basic_auth", "basic_auth", HttpConfigBinder::basicAuth)
                : null;
        r.node("basic_auth");
        Authorization authorization = r.has("authorization")
                ? r.object("authorization", "authorization", HttpConfigBinder::authorization) : null;
        r.node("authorization");
        String bearerToken = r.string("bearer_token", "");
        String bearerTokenFile = r.file("bearer_token_file");
        TlsConfig tls = r.object("tls_config", "tls_config", HttpConfigBinder::tls);
        boolean followRedirects = r.bool("follow_redirects", defaults.followRedirects());
        boolean enableHttp2 = r.bool("enable_http2", defaults.enableHttp2());
        String proxyUrl = r.string("proxy_url", "");
        if (!proxyUrl.isEmpty()) {
            parseUrl(r, "proxy_url", proxyUrl);
        }
        String noProxy = r.string("no_proxy", "");
        boolean proxyFromEnvironment = r.bool("proxy_from_environment", false);
        Map<String, List<Secret>> proxyConnectHeader = proxyConnectHeader(r);
        Map<String, HttpHeader> httpHeaders = httpHeaders(r);

        if (!bearerToken.isEmpty() && !bearerTokenFile.isEmpty()) {
            throw r.error("bearer_token", "at most one of bearer_token & bearer_token_file must be configured");
        }
        if (basicAuth != null && (!bearerToken.isEmpty() || !bearerTokenFile.isEmpty())) {
            throw r.error("basic_auth",
                    "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (authorization != null) {
            if (!bearerToken.isEmpty() || !bearerTokenFile.isEmpty()) {
                throw r.error("authorization", "authorization is not compatible with bearer_token & bearer_token_file");
            }
            if (basicAuth != null) {
                throw r.error("authorization", "at most one of basic_auth, oauth2 & authorization must be configured");
            }
        } else if (!bearerToken.isEmpty()) {
            authorization = new Authorization("Bearer", new Secret(bearerToken), "");
        } else if (!bearerTokenFile.isEmpty()) {
            authorization = new Authorization("Bearer", new Secret(""), bearerTokenFile);
        }
        validateProxy(r, proxyUrl, noProxy, proxyFromEnvironment, proxyConnectHeader);
        return new HttpClientConfig(basicAuth, authorization, tls, proxyUrl, noProxy, proxyFromEnvironment,
                proxyConnectHeader, httpHeaders, followRedirects, enableHttp2);
    }

    private static BasicAuth basicAuth(FieldReader r) {
        BasicAuth b = new BasicAuth(r.string("username", ""), r.file("username_file"), r.secret("password"),
                r.file("password_file"));
        if (!b.username().isEmpty() && !b.usernameFile().isEmpty()) {
            throw r.error("username_file",
                    "at most one of basic_auth username, username_file & username_ref must be configured");
        }
        if (!b.password().isEmpty() && !b.passwordFile().isEmpty()) {
            throw r.error("password_file",
                    "at most one of basic_auth password, password_file & password_ref must be configured");
        }
        return b;
    }

    private static Authorization authorization(FieldReader r) {
        String type = r.string("type", "").trim();
        Authorization a = new Authorization(type.isEmpty() ? "Bearer" : type, r.secret("credentials"),
                r.file("credentials_file"));
        if (!a.credentials().isEmpty() && !a.credentialsFile().isEmpty()) {
            throw r.error("credentials_file",
                    "at most one of authorization credentials & credentials_file must be configured");
        }
        if (a.type().toLowerCase(Locale.ROOT).equals("basic")) {
            throw r.error("type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        return a;
    }

    /** Binds a {@code tls_config} block and checks it as common's {@code TLSConfig.Validate} does. */
    static TlsConfig tls(FieldReader r) {
        TlsConfig t = new TlsConfig(r.string("ca", ""), r.file("ca_file"), r.string("cert", ""), r.file("cert_file"),
                r.secret("key"), r.file("key_file"), r.string("server_name", ""),
                r.bool("insecure_skip_verify", false), tlsVersion(r, "min_version"), tlsVersion(r, "max_version"));
        if (!t.ca().isEmpty() && !t.caFile().isEmpty()) {
            throw r.error("ca_file", "at most one of ca, ca_file & ca_ref must be configured");
        }
        if (!t.cert().isEmpty() && !t.certFile().isEmpty()) {
            throw r.error("cert_file", "at most one of cert, cert_file & cert_ref must be configured");
        }
        if (!t.key().isEmpty() && !t.keyFile().isEmpty()) {
            throw r.error("key_file", "at most one of key and key_file must be configured");
        }
        boolean cert = !t.cert().isEmpty() || !t.certFile().isEmpty();
        boolean key = !t.key().isEmpty() || !t.keyFile().isEmpty();
        if (cert && !key) {
            throw r.error("exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (key && !cert) {
            throw r.error("exactly one of cert or cert_file must be configured when a client key is configured");
        }
        return t;
    }

    private static String tlsVersion(FieldReader r, String key) {
        String v = r.string(key, "");
        if (!v.isEmpty() && !TLS_VERSIONS.contains(v)) {
            throw r.error(key, "unknown TLS version: " + v);
        }
        return v;
    }

    private static Map<String, List<Secret>> proxyConnectHeader(FieldReader r) {
        Map<String, List<Secret>> out = new LinkedHashMap<>();
        for (YamlMapping.Entry e : r.entries("proxy_connect_header", "map[string][]secret")) {
            FieldReader one = FieldReader.of(r.fileName(), null, r.path("proxy_connect_header"),
                    new YamlMapping(List.of(e), e.keyMark()), e.keyMark(), "proxy_connect_header");
            List<Secret> secrets = new ArrayList<>();
            for (String s : one.strings(e.key())) {
                secrets.add(new Secret(s));
            }
            out.put(e.key(), secrets);
        }
        return out;
    }

    private static Map<String, HttpHeader> httpHeaders(FieldReader r) {
        Map<String, HttpHeader> out = new LinkedHashMap<>();
        for (YamlMapping.Entry e : r.entries("http_headers", "http_headers")) {
            String canonical = canonicalHeaderKey(e.key());
            if (RESERVED_HTTP_HEADERS.contains(canonical)) {
                throw FieldReader.at(r.fileName(), e.keyMark(), r.path("http_headers") + "." + e.key(),
                        "setting header \"" + canonical + "\" is not allowed");
            }
            FieldReader h = FieldReader.of(r.fileName(), null, r.path("http_headers") + "." + e.key(), e.value(),
                    e.keyMark(), "header");
            List<Secret> secrets = new ArrayList<>();
            for (String s : h.strings("secrets")) {
                secrets.add(new Secret(s));
            }
            List<String> files = new ArrayList<>();
            for (String f : h.strings("files")) {
                files.add(r.resolve(f));
            }
            out.put(e.key(), new HttpHeader(h.strings("values"), secrets, files));
            h.finish("header");
        }
        return out;
    }

    /** Go's {@code http.CanonicalHeaderKey}: each dash-separated word capitalised. */
    static String canonicalHeaderKey(String key) {
        StringBuilder b = new StringBuilder(key.length());
        boolean upper = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }

    private static void validateProxy(FieldReader r, String proxyUrl, String noProxy, boolean fromEnvironment,
            Map<String, List<Secret>> connectHeader) {
        if (!connectHeader.isEmpty() && !fromEnvironment && proxyUrl.isEmpty()) {
            throw r.error("proxy_connect_header",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be"
                            + " configured");
        }
        if (fromEnvironment && !proxyUrl.isEmpty()) {
            throw r.error("proxy_from_environment",
                    "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnvironment && !noProxy.isEmpty()) {
            throw r.error("proxy_from_environment",
                    "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (proxyUrl.isEmpty() && !noProxy.isEmpty()) {
            throw r.error("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
    }

    /** Parses a URL as Go's url.Parse would accept it; the error reads {@code parse "<url>": <reason>}. */
    static URI parseUrl(FieldReader r, String key, String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw r.error(key, "parse \"" + url + "\": " + e.getReason().toLowerCase(Locale.ROOT));
        }
    }
}
