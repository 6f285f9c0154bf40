package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.HttpClientConfig;
import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS target that requires client certificates, with a throwaway CA made by openssl for this test. */
class TlsScrapeTest {
    static final String SCRIPT = """
            set -e
            ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $ec -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca 2>/dev/null
            openssl req $ec -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 1 \
                -extfile server.ext 2>/dev/null
            openssl req $ec -keyout client.key -out client.csr -subj /CN=client 2>/dev/null
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 1 \
                -extfile client.ext 2>/dev/null
            openssl pkcs12 -export -in server.crt -inkey server.key -out server.p12 -passout pass:pw
            """;

    static void generate(Path dir) throws IOException, InterruptedException {
        Peers.require("/usr/bin/openssl");
        Process p = new ProcessBuilder("bash", "-c", SCRIPT).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    static SSLContext serverContext(Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static TestScrapeConfig job(String name, TlsConfig tls) {
        TestScrapeConfig c = ScrapeHarness.fast(name);
        c.scheme = "https";
        c.http = new HttpClientConfig(null, null, tls, "", "", false, Map.of(), Map.of(), true, false);
        return c;
    }

    @Test
    void clientCertificatesCaAndServerNameChecked(@TempDir Path dir) throws Exception {
        generate(dir);
        String ca = dir.resolve("ca.crt").toString();
        String cert = dir.resolve("client.crt").toString();
        String key = dir.resolve("client.key").toString();
        Secret none = new Secret("");
        try (ScrapeHarness h = new ScrapeHarness();
                TestExporter e = TestExporter.https(serverContext(dir), true)) {
            e.on("/metrics", TestExporter.text("secure 1\n"));
            h.apply(job("mtls", new TlsConfig("", ca, "", cert, none, key, "localhost", false, "TLS12", "")).build(),
                    job("inline", new TlsConfig(Files.readString(Path.of(ca)), "", Files.readString(Path.of(cert)),
                            "", new Secret(Files.readString(Path.of(key))), "", "", false, "", "")).build(),
                    job("insecure", new TlsConfig("", "", "", cert, none, key, "", true, "", "")).build(),
                    job("nocert", new TlsConfig("", ca, "", "", none, "", "", false, "", "")).build(),
                    job("wrongname", new TlsConfig("", ca, "", cert, none, key, "other.example", false, "", ""))
                            .build(),
                    job("noca", new TlsConfig("", "", "", cert, none, key, "", false, "", "")).build());
            List<String> jobs = List.of("mtls", "inline", "insecure", "nocert", "wrongname", "noca");
            java.util.Map<String, List<String>> targets = new java.util.HashMap<>();
            for (String j : jobs) {
                targets.put(j, List.of(e.address()));
            }
            h.targets(targets);
            // The first TLS handshakes of a JVM load providers and may time out on a busy machine: wait for
            // success rather than judging the first scrape.
            ScrapeHarness.await("good jobs scraped", java.time.Duration.ofSeconds(20),
                    () -> List.of("mtls", "inline", "insecure").stream()
                            .allMatch(j -> !h.storage.samples("secure", "job", j).isEmpty()));
            ScrapeHarness.await("bad jobs scraped twice", java.time.Duration.ofSeconds(20),
                    () -> List.of("nocert", "wrongname", "noca").stream()
                            .allMatch(j -> h.storage.samples("up", "job", j).size() >= 3));
            for (String j : List.of("nocert", "wrongname", "noca")) {
                assertThat(h.storage.samples("up", "job", j)).as(j).allMatch(s -> s.v() == 0);
                String err = h.manager.targets().active().stream().filter(t -> t.scrapePool().equals(j))
                        .findFirst().orElseThrow().lastError();
                assertThat(err).as(j).startsWith("Get \"https://").doesNotContain("deadline");
            }
            assertThat(h.manager.targets().active()).filteredOn(t -> t.scrapePool().equals("mtls"))
                    .singleElement().satisfies(t -> assertThat(t.scrapeUrl()).startsWith("https://"));
        }
    }
}
