package io.ignis.server.notifier;

import io.ignis.config.Authorization;
import io.ignis.config.BasicAuth;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * POSTs one batch to one Alertmanager with the JDK's HTTP client: basic auth or an {@code Authorization} header,
 * TLS with a CA (inline or file) or {@code insecure_skip_verify}, the configured timeout. Client certificates
 * are not supported yet.
 */
final class HttpSender {
    private final HttpClient client;
    private final String authHeader;

    HttpSender(HttpClientConfig http) {
        HttpClient.Builder b = HttpClient.newBuilder().version(http.enableHttp2() ? HttpClient.Version.HTTP_2
                : HttpClient.Version.HTTP_1_1).followRedirects(http.followRedirects() ? HttpClient.Redirect.NORMAL
                : HttpClient.Redirect.NEVER);
        SSLContext ssl = sslContext(http.tlsConfig());
        if (ssl != null) {
            b.sslContext(ssl);
        }
        client = b.build();
        authHeader = authHeader(http.basicAuth(), http.authorization());
    }

    /** Sends {@code body}; throws IOException with the status when Alertmanager does not answer 2xx. */
    void post(java.net.URI url, byte[] body, long timeoutMs) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeoutMs))
                .header("Content-Type", "application/json").header("User-Agent", "Ignis")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authHeader != null) {
            r.header("Authorization", authHeader);
        }
        HttpResponse<String> resp = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("bad response status " + resp.statusCode());
        }
    }

    private static String authHeader(BasicAuth basic, Authorization auth) {
        if (basic != null) {
            String user = basic.usernameFile().isEmpty() ? basic.username() : read(basic.usernameFile());
            String pass = basic.passwordFile().isEmpty() ? basic.password().value() : read(basic.passwordFile());
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass)
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (auth != null) {
            String cred = auth.credentialsFile().isEmpty() ? auth.credentials().value() : read(auth.credentialsFile());
            return auth.type() + " " + cred;
        }
        return null;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext sslContext(TlsConfig tls) {
        try {
            if (tls.insecureSkipVerify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            String pem = !tls.ca().isEmpty() ? tls.ca() : tls.caFile().isEmpty() ? null : read(tls.caFile());
            if (pem == null) {
                return null;
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls config: " + e.getMessage(), e);
        }
    }

    /** {@code insecure_skip_verify}: any server certificate is accepted. */
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
