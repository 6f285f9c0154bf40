package io.ignis.discovery.ec2;

import io.ignis.config.HttpClientConfig;
import io.ignis.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.HashSet;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The SDK's URLConnection client with the SD block's {@code http_config}: proxy ({@code proxy_url},
 * {@code no_proxy}, {@code proxy_from_environment}), {@code tls_config.ca}/{@code ca_file} and
 * {@code insecure_skip_verify}. Client certificates and custom headers are not applied (TODO #6).
 */
final class Ec2HttpClients {
    private Ec2HttpClients() {
    }

    static SdkHttpClient create(HttpClientConfig http) {
        HttpClientConfig c = http == null ? HttpClientConfig.DEFAULT : http;
        UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder();
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder().useSystemPropertyValues(false)
                .useEnvironmentVariablesValues(c.proxyFromEnvironment());
        if (c.proxyUrl() != null && !c.proxyUrl().isEmpty()) {
            proxy.endpoint(URI.create(c.proxyUrl()));
        }
        if (c.noProxy() != null && !c.noProxy().isEmpty()) {
            proxy.nonProxyHosts(new HashSet<>(Arrays.asList(c.noProxy().split(","))));
        }
        b.proxyConfiguration(proxy.build());
        TlsConfig tls = c.tlsConfig() == null ? TlsConfig.EMPTY : c.tlsConfig();
        if (tls.insecureSkipVerify()) {
            return b.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build());
        }
        if (!tls.caFile().isEmpty() || !tls.ca().isEmpty()) {
            TrustManager[] trust = trustManagers(tls);
            b.tlsTrustManagersProvider(() -> trust);
        }
        return b.build();
    }

    private static TrustManager[] trustManagers(TlsConfig tls) {
        try (InputStream in = tls.caFile().isEmpty()
                ? new ByteArrayInputStream(tls.ca().getBytes(StandardCharsets.UTF_8))
                : Files.newInputStream(Path.of(tls.caFile()))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException("read tls_config CA " + tls.caFile() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("load tls_config CA " + tls.caFile() + ": " + e.getMessage(), e);
        }
    }
}
