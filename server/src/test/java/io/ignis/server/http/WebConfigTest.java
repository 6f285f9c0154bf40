package io.ignis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation of exporter-toolkit web config files: one line per rejected file, with its exact message. */
class WebConfigTest {
    private static final Path FILE = Path.of("/etc/ignis/web.yml");

    record Bad(String name, String yaml, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        String at = "web config " + FILE + ": ";
        return Stream.of(
                new Bad("unknown top-level field", "tls_config: {}\n",
                        at + "tls_config: field tls_config not found in web config"),
                new Bad("not a mapping", "- a\n", at + "document: expected a mapping"),
                new Bad("missing cert", "tls_server_config:\n  key_file: k.pem\n",
                        at + "tls_server_config.cert_file: missing cert_file"),
                new Bad("missing key", "tls_server_config:\n  cert_file: c.pem\n",
                        at + "tls_server_config.key_file: missing key_file"),
                new Bad("bad client auth", "tls_server_config:\n  cert_file: c\n  key_file: k\n"
                        + "  client_auth_type: Sometimes\n",
                        at + "tls_server_config.client_auth_type: invalid ClientAuth: Sometimes"),
                new Bad("verify without CA", "tls_server_config:\n  cert_file: c\n  key_file: k\n"
                        + "  client_auth_type: RequireAndVerifyClientCert\n",
                        at + "tls_server_config.client_ca_file: client_ca_file is required with client_auth_type "
                                + "RequireAndVerifyClientCert"),
                new Bad("bad version", "tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: SSL3\n",
                        at + "tls_server_config.min_version: unknown TLS version: SSL3"),
                new Bad("min above max", "tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS13\n"
                        + "  max_version: TLS12\n",
                        at + "tls_server_config.min_version: min_version TLS13 is above max_version TLS12"),
                new Bad("bad cipher", "tls_server_config:\n  cert_file: c\n  key_file: k\n  cipher_suites: [RC4]\n",
                        at + "tls_server_config.cipher_suites: unknown cipher: RC4"),
                new Bad("bad curve", "tls_server_config:\n  cert_file: c\n  key_file: k\n"
                        + "  curve_preferences: [P999]\n", at + "tls_server_config.curve_preferences: unknown curve: P999"),
                new Bad("unknown tls field", "tls_server_config:\n  cert: x\n",
                        at + "tls_server_config.cert: field cert not found in tls_server_config"),
                new Bad("header not allowed", "http_server_config:\n  headers:\n    Server: ignis\n",
                        at + "http_server_config.headers: HTTP header \"Server\" can not be configured"),
                new Bad("bad header value", "http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
                        at + "http_server_config.headers: invalid value for X-Frame-Options. Expected one of: "
                                + "[deny, sameorigin], but got: \"allow\""),
                new Bad("http2 not a boolean", "http_server_config:\n  http2: maybe\n",
                        at + "http_server_config.http2: expected true or false, got maybe"),
                new Bad("password not hashed", "basic_auth_users:\n  alice: secret\n",
                        at + "basic_auth_users.alice: not a bcrypt hash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejects(Bad b) {
        assertThatThrownBy(() -> WebConfig.parse(FILE, b.yaml())).isInstanceOf(WebConfigException.class)
                .hasMessage(b.error());
    }

    @Test
    void parsesEveryField() {
        WebConfig c = WebConfig.parse(FILE, """
                tls_server_config:
                  cert_file: certs/server.crt
                  key_file: /abs/server.key
                  client_auth_type: VerifyClientCertIfGiven
                  client_ca_file: ca.crt
                  client_allowed_sans: [client.example]
                  min_version: TLS13
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                  prefer_server_cipher_suites: false
                  curve_preferences: [CurveP256, X25519]
                http_server_config:
                  http2: false
                  headers:
                    X-Frame-Options: deny
                    Strict-Transport-Security: max-age=31536000
                basic_auth_users:
                  alice: $2y$10$abc
                """);
        TlsServerConfig t = c.tls();
        assertThat(t.certFile()).isEqualTo(Path.of("/etc/ignis/certs/server.crt"));
        assertThat(t.keyFile()).isEqualTo(Path.of("/abs/server.key"));
        assertThat(t.clientCaFile()).isEqualTo(Path.of("/etc/ignis/ca.crt"));
        assertThat(t.clientAuthType()).isEqualTo("VerifyClientCertIfGiven");
        assertThat(t.clientAllowedSans()).containsExactly("client.example");
        assertThat(t.minVersion()).isEqualTo("TLS13");
        assertThat(t.maxVersion()).isEqualTo("TLS13");
        assertThat(t.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(t.preferServerCipherSuites()).isFalse();
        assertThat(t.curvePreferences()).containsExactly("CurveP256", "X25519");
        assertThat(c.http2()).isFalse();
        assertThat(c.headers()).containsEntry("X-Frame-Options", "deny").hasSize(2);
        assertThat(c.basicAuthUsers()).isEqualTo(Map.of("alice", "$2y$10$abc"));
    }

    @Test
    void emptyFileMeansPlainHttp() {
        assertThat(WebConfig.parse(FILE, "")).isEqualTo(WebConfig.NONE);
        assertThat(WebConfig.parse(FILE, "basic_auth_users: {}\n").tls()).isNull();
    }

    @Test
    void translatesTlsVersions() {
        assertThat(TlsContexts.protocols("TLS12", "TLS13")).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(TlsContexts.protocols("TLS10", "TLS11")).containsExactly("TLSv1", "TLSv1.1");
        assertThat(List.of(TlsContexts.protocols("TLS13", "TLS13"))).containsExactly("TLSv1.3");
    }
}
