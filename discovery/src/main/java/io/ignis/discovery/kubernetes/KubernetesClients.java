package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.config.TlsConfig;
import io.ignis.discovery.DiscoveryMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Makes the fabric8 client for a config, as Prometheus picks its client: {@code kubeconfig_file}, else
 * {@code api_server} with the SD block's HTTP settings, else the in-cluster service account ({@link InCluster}).
 */
final class KubernetesClients {
    private KubernetesClients() {
    }

    static KubernetesClient create(KubernetesSdConfig c, DiscoveryMetrics metrics, InCluster inCluster) {
        return create(config(c, inCluster), metrics);
    }

    /** A client for a ready config; failed requests are counted in {@code metrics}. */
    static KubernetesClient create(Config config, DiscoveryMetrics metrics) {
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("ignis-sd-failures",
                        new FailureCounter(metrics)))
                .build();
    }

    static Config config(KubernetesSdConfig c, InCluster inCluster) {
        if (c.kubeconfigFile() != null && !c.kubeconfigFile().isEmpty()) {
            try {
                return Config.fromKubeconfig(Files.readString(Path.of(c.kubeconfigFile()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("read kubeconfig_file " + c.kubeconfigFile() + ": " + e.getMessage(), e);
            }
        }
        if (c.apiServer() == null || c.apiServer().isEmpty()) {
            return inCluster.config();
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(c.apiServer());
        HttpClientConfig http = c.httpClientConfig() == null ? HttpClientConfig.DEFAULT : c.httpClientConfig();
        if (http.authorization() != null) {
            b.withOauthToken(secret(http.authorization().credentials() == null ? ""
                    : http.authorization().credentials().value(), http.authorization().credentialsFile()));
        }
        if (http.basicAuth() != null) {
            b.withUsername(secret(http.basicAuth().username(), http.basicAuth().usernameFile()));
            b.withPassword(secret(http.basicAuth().password() == null ? "" : http.basicAuth().password().value(),
                    http.basicAuth().passwordFile()));
        }
        TlsConfig tls = http.tlsConfig() == null ? TlsConfig.EMPTY : http.tlsConfig();
        b.withTrustCerts(tls.insecureSkipVerify());
        b.withDisableHostnameVerification(tls.insecureSkipVerify());
        if (!tls.caFile().isEmpty()) {
            b.withCaCertFile(tls.caFile());
        } else if (!tls.ca().isEmpty()) {
            b.withCaCertData(Base64.getEncoder().encodeToString(tls.ca().getBytes(StandardCharsets.UTF_8)));
        }
        if (!tls.certFile().isEmpty()) {
            b.withClientCertFile(tls.certFile());
        }
        if (!tls.keyFile().isEmpty()) {
            b.withClientKeyFile(tls.keyFile());
        }
        return b.build();
    }

    private static String secret(String inline, String file) {
        if (file != null && !file.isEmpty()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
            }
        }
        return inline == null ? "" : inline;
    }
}
