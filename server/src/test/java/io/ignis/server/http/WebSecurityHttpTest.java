package io.ignis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, client certificates, basic auth and extra headers through the real Netty server on 127.0.0.1. */
class WebSecurityHttpTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private int port;
    private String hash;

    @BeforeEach
    void certs() throws Exception {
        TestCerts.requireOpenssl();
        TestCerts.ca(dir);
        TestCerts.signed(dir, "server", "first");
        TestCerts.signed(dir, "client", "client");
        hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "s3cret".toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String clientAuth) throws Exception {
        start(clientAuth, "[]");
    }

    private void start(String clientAuth, String allowedSans) throws Exception {
        Files.writeString(dir.resolve("web.yml"), "tls_server_config:\n  cert_file: server.crt\n"
                + "  key_file: server.key\n  client_auth_type: " + clientAuth + "\n  client_ca_file: ca.crt\n"
                + "  client_allowed_sans: " + allowedSans + "\n"
                + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
                + "basic_auth_users:\n  alice: " + hash + "\n");
        WebConfigFile web = new WebConfigFile(dir.resolve("web.yml"));
        Router router = new Router("/");
        router.get("/ping", r -> Response.text(200, "pong\n"));
        server = new HttpServer(router, 16, 10_000, web);
        List<InetSocketAddress> bound = server.start(List.of(new InetSocketAddress("127.0.0.1", 0)));
        port = bound.get(0).getPort();
    }

    private HttpResponse<String> get(SSLContext ssl, String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/ping"))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void basicAuthOverTls() throws Exception {
        start("NoClientCert");
        SSLContext ssl = TestCerts.clientContext(dir, null);
        HttpResponse<String> none = get(ssl, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("Unauthorized\n");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic");
        assertThat(get(ssl, "alice", "wrong").statusCode()).isEqualTo(401);
        assertThat(get(ssl, "mallory", "s3cret").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get(ssl, "alice", "s3cret");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("pong\n");
        assertThat(ok.headers().firstValue("X-Frame-Options")).hasValue("deny");
    }

    @Test
    void newCertificateAppliesWithoutRestart() throws Exception {
        start("NoClientCert");
        SSLContext ssl = TestCerts.clientContext(dir, null);
        assertThat(subject(get(ssl, "alice", "s3cret"))).contains("CN=first");
        TestCerts.signed(dir, "next", "second");
        Files.move(dir.resolve("next.key"), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("next.crt"), dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(subject(get(ssl, "alice", "s3cret"))).as("a new connection gets the new certificate")
                .contains("CN=second");
    }

    @Test
    void clientCertificateRequired() throws Exception {
        start("RequireAndVerifyClientCert");
        SSLContext without = TestCerts.clientContext(dir, null);
        assertThatThrownBy(() -> get(without, "alice", "s3cret")).isInstanceOf(IOException.class);
        SSLContext with = TestCerts.clientContext(dir, dir.resolve("client.p12"));
        assertThat(get(with, "alice", "s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void clientAllowedSans() throws Exception {
        start("RequireAndVerifyClientCert", "[localhost]");
        SSLContext with = TestCerts.clientContext(dir, dir.resolve("client.p12"));
        assertThat(get(with, "alice", "s3cret").statusCode()).isEqualTo(200);
        server.close();
        start("RequireAndVerifyClientCert", "[other.example]");
        assertThatThrownBy(() -> get(with, "alice", "s3cret")).isInstanceOf(IOException.class);
    }

    private static String subject(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        X509Certificate c = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        return c.getSubjectX500Principal().getName();
    }
}
