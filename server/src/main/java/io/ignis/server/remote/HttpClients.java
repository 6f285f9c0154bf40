package io.ignis.server.remote;

import io.ignis.config.Authorization;
import io.ignis.config.BasicAuth;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.HttpHeader;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns an {@link HttpClientConfig} into a JDK {@link HttpClient} plus the per-request headers (basic auth,
 * authorization, custom headers). Credentials files are read on every request, as Prometheus re-reads them.
 *
 * <p>Remote storage uses the JDK client rather than Netty: shard threads block on one request at a time anyway,
 * and the JDK client brings connection pooling, proxies and TLS without an event loop or pipeline of our own.
 */
final class HttpClients {
    private HttpClients() {
    }

    static HttpClient build(HttpClientConfig cfg, Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(cfg.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (!cfg.proxyUrl().isEmpty()) {
            URI proxy = URI.create(cfg.proxyUrl());
            int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
            b.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), port)));
        } else if (cfg.proxyFromEnvironment()) {
            b.proxy(ProxySelector.getDefault());
        }
        if (hasTls(cfg.tlsConfig())) {
            b.sslContext(sslContext(cfg.tlsConfig()));
        }
        return b.build();
    }

    /** Adds auth and configured headers; throws when a credentials file cannot be read. */
    static void applyHeaders(HttpRequest.Builder r, HttpClientConfig cfg, Map<String, String> extra) {
        for (Map.Entry<String, String> h : extra.entrySet()) {
            r.setHeader(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, HttpHeader> h : cfg.httpHeaders().entrySet()) {
            for (String v : headerValues(h.getValue())) {
                r.header(h.getKey(), v);
            }
        }
        BasicAuth ba = cfg.basicAuth();
        if (ba != null) {
            String user = ba.usernameFile() == null || ba.usernameFile().isEmpty() ? nz(ba.username())
                    : read(ba.usernameFile());
            String pass = ba.passwordFile() == null || ba.passwordFile().isEmpty() ? secret(ba.password())
                    : read(ba.passwordFile());
            r.setHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        }
        Authorization a = cfg.authorization();
        if (a != null) {
            String cred = a.credentialsFile() == null || a.credentialsFile().isEmpty() ? secret(a.credentials())
                    : read(a.credentialsFile());
            String type = a.type() == null || a.type().isEmpty() ? "Bearer" : a.type();
            r.setHeader("Authorization", type + " " + cred);
        }
    }

    private static List<String> headerValues(HttpHeader h) {
        List<String> out = new java.util.ArrayList<>(h.values());
        for (Secret s : h.secrets()) {
            out.add(s.value());
        }
        for (String f : h.files()) {
            out.add(read(f));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String secret(Secret s) {
        return s == null ? "" : s.value();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("read credentials file " + file, e);
        }
    }

    private static boolean hasTls(TlsConfig t) {
        return t != null && (!t.ca().isEmpty() || !t.caFile().isEmpty() || !t.certFile().isEmpty()
                || !t.cert().isEmpty() || t.insecureSkipVerify());
    }

    static SSLContext sslContext(TlsConfig t) {
        try {
            TrustManager[] trust = null;
            if (t.insecureSkipVerify()) {
                trust = new TrustManager[] {new TrustAll()};
            } else if (!t.ca().isEmpty() || !t.caFile().isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate c : certificates(pem(t.ca(), t.caFile()))) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            KeyManagerFactory kmf = null;
            if (!t.cert().isEmpty() || !t.certFile().isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                Collection<? extends Certificate> chain = certificates(pem(t.cert(), t.certFile()));
                ks.setKeyEntry("client", privateKey(pem(t.key().value(), t.keyFile())), new char[0],
                        chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("remote storage tls_config: " + e.getMessage(), e);
        }
    }

    private static String pem(String inline, String file) throws IOException {
        return inline != null && !inline.isEmpty() ? inline : Files.readString(Path.of(file));
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** PKCS#8 keys ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    /** {@code insecure_skip_verify}: accepts any server certificate, as the user asked. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
