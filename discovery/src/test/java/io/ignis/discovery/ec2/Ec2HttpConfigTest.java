package io.ignis.discovery.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.Ec2SdConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.HttpHeader;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SD block's http_config on the EC2 client: TLS with a client certificate, and custom headers. */
class Ec2HttpConfigTest {
    @TempDir
    Path dir;

    private static HttpClientConfig http(TlsConfig tls, Map<String, HttpHeader> headers) {
        return new HttpClientConfig(null, null, tls, "", "", false, Map.of(), headers, true, true);
    }

    private static List<TargetGroup> refresh(FakeEc2Endpoint endpoint, HttpClientConfig http) throws Exception {
        Ec2SdConfig c = new Ec2SdConfig(endpoint.url(), "eu-west-1", "AKIDEXAMPLE", new Secret("secret"), "", "", "",
                Duration.ofMinutes(1), 9100, List.of(), http);
        try (Ec2Discoverer d = new Ec2Discoverer(c, "ec2-job", new RecordingDiscoveryMetrics(), Duration.ofSeconds(1),
                Map.<String, String>of()::get)) {
            return d.refresh();
        }
    }

    @Test
    void clientCertificateFilesAndCaOverTls() throws Exception {
        TlsConfig tls = new TlsConfig("", TestPki.file("ca.pem").toString(), "", TestPki.file("client.pem").toString(),
                new Secret(""), TestPki.file("client-key.pem").toString(), "", false, "", "");
        try (FakeEc2Endpoint endpoint = FakeEc2Endpoint.https(true)) {
            assertThat(refresh(endpoint, http(tls, Map.of()))).singleElement()
                    .satisfies(g -> assertThat(g.targets()).hasSize(2));
        }
    }

    @Test
    void inlineClientCertificateAndCa() throws Exception {
        TlsConfig tls = new TlsConfig(TestPki.read("ca.pem"), "", TestPki.read("client.pem"), "",
                new Secret(TestPki.read("client-key.pem")), "", "", false, "", "");
        try (FakeEc2Endpoint endpoint = FakeEc2Endpoint.https(true)) {
            assertThat(refresh(endpoint, http(tls, Map.of()))).singleElement()
                    .satisfies(g -> assertThat(g.targets()).hasSize(2));
        }
    }

    @Test
    void withoutTheClientCertificateTheServerRefuses() throws Exception {
        TlsConfig tls = new TlsConfig("", TestPki.file("ca.pem").toString(), "", "", new Secret(""), "", "", false,
                "", "");
        try (FakeEc2Endpoint endpoint = FakeEc2Endpoint.https(true)) {
            assertThatThrownBy(() -> refresh(endpoint, http(tls, Map.of())));
            assertThat(endpoint.calls()).isEmpty();
        }
    }

    @Test
    void keyThatIsNotPkcs8IsAClearError() throws Exception {
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        TlsConfig tls = new TlsConfig("", "", "", TestPki.file("client.pem").toString(), new Secret(""),
                key.toString(), "", false, "", "");
        try (FakeEc2Endpoint endpoint = FakeEc2Endpoint.https(true)) {
            assertThatThrownBy(() -> refresh(endpoint, http(tls, Map.of())))
                    .hasMessageContaining("load tls_config client certificate " + TestPki.file("client.pem"))
                    .hasMessageContaining("PKCS#8");
        }
    }

    @Test
    void httpHeadersFromValuesSecretsAndFilesOnEveryRequest() throws Exception {
        Path file = dir.resolve("tenant");
        Files.writeString(file, "from-file\n");
        Map<String, HttpHeader> headers = Map.of("X-Scope-OrgID", new HttpHeader(List.of("plain"),
                List.of(new Secret("hidden")), List.of(file.toString())));
        try (FakeEc2Endpoint endpoint = new FakeEc2Endpoint()) {
            refresh(endpoint, http(TlsConfig.EMPTY, headers));
            // The URLConnection client folds repeated values into one comma-separated line, which HTTP makes equal.
            assertThat(endpoint.calls()).hasSize(3).allSatisfy(r -> assertThat(
                    String.join(",", r.headers().get("X-Scope-OrgID"))).isEqualTo("plain,hidden,from-file"));
        }
    }
}
