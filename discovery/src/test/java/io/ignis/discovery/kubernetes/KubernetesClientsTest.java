package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.ignis.config.Authorization;
import io.ignis.config.BasicAuth;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How the client configuration is chosen: kubeconfig_file, api_server with http settings, or in-cluster. */
class KubernetesClientsTest {
    // A self-signed certificate made for this test (openssl, EC P-256, valid until 2126).
    private static final String CA = """
            -----BEGIN CERTIFICATE-----
            MIIBkDCCATegAwIBAgIUEcNgN2vAO4ORYrK+IiX1yQCBNbIwCgYIKoZIzj0EAwIw
            HTEbMBkGA1UEAwwSa3ViZXJuZXRlcy10ZXN0LWNhMCAXDTI2MTEyMjIxMzE0NVoY
            DzIxMjYxMDI5MjEzMTQ1WjAdMRswGQYDVQQDDBJrdWJlcm5ldGVzLXRlc3QtY2Ew
            WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASl5fuvDk87MUvdUfNPy9GAic9Q7Ums
            Oy9/s8B1dRk1IxPcI40LP4asI1UxL/dJlYBKxnGI8fmWTqaHX66jxmoLo1MwUTAd
            BgNVHQ4EFgQUdyc1EFtYmPdDCUG37aGqKWB62nQwHwYDVR0jBBgwFoAUdyc1EFtY
            mPdDCUG37aGqKWB62nQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE
            AiBZr+xDj9sRWx0VJqFrgtX6BrIHTwzazXH89qGb0SjyiAIgcOwkfuPJY6wdYTKw
            7CiL0crjIyfdY/d6xCezNkbjRBc=
            -----END CERTIFICATE-----
            """;

    @TempDir
    Path dir;

    // No KUBERNETES_SERVICE_* variables and no service account files: not in a cluster.
    private InCluster outside;

    @BeforeEach
    void outsideACluster() {
        outside = new InCluster(dir.resolve("token"), dir.resolve("ca.crt"), dir.resolve("namespace"),
                Map.<String, String>of()::get);
    }

    private static KubernetesSdConfig config(String apiServer, String kubeconfig, HttpClientConfig http) {
        return new KubernetesSdConfig(apiServer, "pod", kubeconfig, http,
                new KubernetesSdConfig.Namespaces(false, List.of()), List.of(), null);
    }

    @Test
    void kubeconfigFileNamesTheServerAndCredentials() throws Exception {
        Path f = dir.resolve("kubeconfig");
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster: {server: "https://k8s.example:6443", insecure-skip-tls-verify: true}
                users:
                  - name: u
                    user: {token: abc}
                contexts:
                  - name: ctx
                    context: {cluster: c, user: u, namespace: team}
                current-context: ctx
                """);
        Config c = KubernetesClients.config(config("", f.toString(), HttpClientConfig.DEFAULT), outside);
        assertThat(c.getMasterUrl()).startsWith("https://k8s.example:6443");
        assertThat(c.getOauthToken() != null ? c.getOauthToken() : c.getAutoOAuthToken()).isEqualTo("abc");
        assertThat(c.isTrustCerts()).isTrue();
    }

    @Test
    void apiServerTakesTheSdBlocksHttpSettings() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "from-file\n");
        HttpClientConfig http = new HttpClientConfig(null, new Authorization("Bearer", new Secret(""),
                token.toString()), new TlsConfig("", "/etc/ca.pem", "", "", new Secret(""), "", "", true, "", ""), "",
                "", false, Map.of(), Map.of(), true, true);
        Config c = KubernetesClients.config(config("https://10.0.0.1:6443", "", http), outside);
        assertThat(c.getMasterUrl()).startsWith("https://10.0.0.1:6443");
        assertThat(c.getOauthToken()).isEqualTo("from-file");
        assertThat(c.getCaCertFile()).isEqualTo("/etc/ca.pem");
        assertThat(c.isTrustCerts()).isTrue();

        HttpClientConfig basic = new HttpClientConfig(new BasicAuth("admin", "", new Secret("pw"), ""), null,
                TlsConfig.EMPTY, "", "", false, Map.of(), Map.of(), true, true);
        Config b = KubernetesClients.config(config("http://127.0.0.1:8080", "", basic), outside);
        assertThat(b.getUsername()).isEqualTo("admin");
        assertThat(b.getPassword()).isEqualTo("pw");
        assertThat(b.isTrustCerts()).isFalse();
    }

    @Test
    void errorsNameWhatIsMissing() {
        assertThatThrownBy(() -> KubernetesClients.config(config("", dir.resolve("nope").toString(),
                HttpClientConfig.DEFAULT), outside)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("read kubeconfig_file " + dir.resolve("nope"));
        assertThatThrownBy(() -> KubernetesClients.config(config("", "", HttpClientConfig.DEFAULT), outside))
                .hasMessage("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
                        + "KUBERNETES_SERVICE_PORT must be defined");
    }

    record InClusterCase(String name, Map<String, String> env, String token, String ca, String wantMaster,
            boolean wantCa, String wantError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<InClusterCase> inClusterCases() {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");
        String notInCluster = "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
                + "KUBERNETES_SERVICE_PORT must be defined";
        return Stream.of(
                new InClusterCase("host and port from the environment", env, "tok\n", CA, "https://10.96.0.1:443/",
                        true, null),
                new InClusterCase("IPv6 service host", Map.of("KUBERNETES_SERVICE_HOST", "fd00::1",
                        "KUBERNETES_SERVICE_PORT", "6443"), "tok", CA, "https://[fd00::1]:6443/", true, null),
                new InClusterCase("unreadable CA falls back to the system trust", env, "tok", "not a certificate",
                        "https://10.96.0.1:443/", false, null),
                new InClusterCase("missing CA file", env, "tok", null, "https://10.96.0.1:443/", false, null),
                new InClusterCase("no host", Map.of("KUBERNETES_SERVICE_PORT", "443"), "tok", CA, null, false,
                        notInCluster),
                new InClusterCase("no port", Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), "tok", CA, null, false,
                        notInCluster),
                new InClusterCase("no token", env, null, CA, null, false, "read service account token "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inClusterCases")
    void inClusterConfigAsClientGo(InClusterCase c) throws Exception {
        if (c.token() != null) {
            Files.writeString(dir.resolve("token"), c.token());
        }
        if (c.ca() != null) {
            Files.writeString(dir.resolve("ca.crt"), c.ca());
        }
        InCluster in = new InCluster(dir.resolve("token"), dir.resolve("ca.crt"), dir.resolve("namespace"),
                c.env()::get);
        KubernetesSdConfig sd = config("", "", HttpClientConfig.DEFAULT);
        if (c.wantError() != null) {
            assertThatThrownBy(() -> KubernetesClients.config(sd, in)).hasMessageStartingWith(c.wantError());
            return;
        }
        Config got = KubernetesClients.config(sd, in);
        assertThat(got.getMasterUrl()).isEqualTo(c.wantMaster());
        assertThat(got.getCaCertFile()).isEqualTo(c.wantCa() ? dir.resolve("ca.crt").toString() : null);
        assertThat(got.getOauthTokenProvider().getToken()).isEqualTo("tok");
        // A rotated token is used from the next request on.
        Files.writeString(dir.resolve("token"), "rotated");
        assertThat(got.getOauthTokenProvider().getToken()).isEqualTo("rotated");
        assertThat(got.isTrustCerts()).isFalse();
    }

    @Test
    void ownNamespaceFromTheServiceAccount() throws Exception {
        InCluster in = new InCluster(dir.resolve("token"), dir.resolve("ca.crt"), dir.resolve("namespace"),
                Map.<String, String>of()::get);
        assertThatThrownBy(in::ownNamespace).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("could not determine the pod's namespace: read " + dir.resolve("namespace"));
        Files.writeString(dir.resolve("namespace"), "");
        assertThatThrownBy(in::ownNamespace).hasMessageStartingWith("could not read own namespace name (empty file");
        Files.writeString(dir.resolve("namespace"), "monitoring");
        assertThat(in.ownNamespace()).isEqualTo("monitoring");
    }
}
