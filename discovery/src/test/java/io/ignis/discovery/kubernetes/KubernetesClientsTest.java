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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the client configuration is chosen: kubeconfig_file, api_server with http settings, or in-cluster. */
class KubernetesClientsTest {
    @TempDir
    Path dir;

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
        Config c = KubernetesClients.config(config("", f.toString(), HttpClientConfig.DEFAULT));
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
        Config c = KubernetesClients.config(config("https://10.0.0.1:6443", "", http));
        assertThat(c.getMasterUrl()).startsWith("https://10.0.0.1:6443");
        assertThat(c.getOauthToken()).isEqualTo("from-file");
        assertThat(c.getCaCertFile()).isEqualTo("/etc/ca.pem");
        assertThat(c.isTrustCerts()).isTrue();

        HttpClientConfig basic = new HttpClientConfig(new BasicAuth("admin", "", new Secret("pw"), ""), null,
                TlsConfig.EMPTY, "", "", false, Map.of(), Map.of(), true, true);
        Config b = KubernetesClients.config(config("http://127.0.0.1:8080", "", basic));
        assertThat(b.getUsername()).isEqualTo("admin");
        assertThat(b.getPassword()).isEqualTo("pw");
        assertThat(b.isTrustCerts()).isFalse();
    }

    @Test
    void errorsNameWhatIsMissing() {
        assertThatThrownBy(() -> KubernetesClients.config(config("", dir.resolve("nope").toString(),
                HttpClientConfig.DEFAULT))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("read kubeconfig_file " + dir.resolve("nope"));
        if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            assertThatThrownBy(() -> KubernetesClients.config(config("", "", HttpClientConfig.DEFAULT)))
                    .hasMessageContaining("unable to load in-cluster configuration");
        }
    }
}
