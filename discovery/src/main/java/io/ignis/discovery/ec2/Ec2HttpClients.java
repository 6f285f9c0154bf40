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
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The SDK's URLConnection client with the SD block's {@code http_config}: proxy ({@code proxy_url},
 * {@code no_proxy}, {@code proxy_from_environment}), {@code tls_config} CA, client certificate ({@code cert}/
 * {@code cert_file} with a PKCS#8 {@code key}/{@code key_file}) and {@code insecure_skip_verify}. Custom headers are
 * added by {@link ConfiguredHeaders}. Basic auth and authorization are not applied: requests are signed with
 * SigV4, whose Authorization header they would replace.
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
        if (!tls.cert().isEmpty() || !tls.certFile().isEmpty()) {
            KeyManager[] keys = keyManagers(tls);
            b.tlsKeyManagersProvider(() -> keys);
        }
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

    private static KeyManager[] keyManagers(TlsConfig tls) {
        String where = tls.certFile().isEmpty() ? "tls_config.cert" : tls.certFile();
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem(tls.cert(), tls.certFile()).getBytes(StandardCharsets.US_ASCII)));
            String key = pem(tls.key() == null ? "" : tls.key().value(), tls.keyFile());
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("client", privateKey(key), new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, new char[0]);
            return f.getKeyManagers();
        } catch (IOException e) {
            throw new UncheckedIOException("read tls_config client certificate " + where + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("load tls_config client certificate " + where + ": " + e.getMessage(),
                    e);
        }
    }

    private static String pem(String inline, String file) throws IOException {
        return inline != null && !inline.isEmpty() ? inline
                : Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException("the key must be PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
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
