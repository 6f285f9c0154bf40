package io.ignis.scrape.client;

import io.ignis.config.TlsConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the client {@link SslContext} of one {@code tls_config} and rebuilds it when a referenced file (CA, cert,
 * key) changes on disk, as Prometheus re-reads them, so rotated certificates are picked up without a reload.
 * With HTTP/2 enabled the handshake offers ALPN {@code h2} then {@code http/1.1}, as Go's transport does once
 * HTTP/2 is configured on it; otherwise it offers no ALPN at all, as Go's HTTP/1-only transport. Thread-safe.
 */
final class TlsSettings {
    private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The server may pick either; one that picks none (no ALPN support) gets HTTP/1.1. */
    private static final ApplicationProtocolConfig ALPN_H2 = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);

    private final TlsConfig config;
    private final boolean http2;
    private SslContext context;
    private String stamp = "";

    /** Settings offering no ALPN: HTTP/1.1 only. */
    TlsSettings(TlsConfig config) {
        this(config, false);
    }

    TlsSettings(TlsConfig config, boolean http2) {
        this.config = config;
        this.http2 = http2;
    }

    String serverName() {
        return config.serverName();
    }

    /** The current context; rebuilt when the files' modification times or sizes changed. */
    synchronized SslContext context() throws IOException {
        String now = stamp();
        if (context == null || !now.equals(stamp)) {
            context = build();
            stamp = now;
        }
        return context;
    }

    private String stamp() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of(config.caFile(), config.certFile(), config.keyFile())) {
            if (!f.isEmpty()) {
                Path p = Path.of(f);
                sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p)).append(';');
            }
        }
        return sb.toString();
    }

    private SslContext build() throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (config.insecureSkipVerify()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            b.endpointIdentificationAlgorithm("HTTPS");
            try (InputStream ca = open(config.ca(), config.caFile())) {
                if (ca != null) {
                    b.trustManager(ca);
                }
            }
        }
        try (InputStream cert = open(config.cert(), config.certFile());
                InputStream key = open(config.key().value(), config.keyFile())) {
            if (cert != null && key != null) {
                b.keyManager(cert, key);
            } else if (cert != null || key != null) {
                throw new IOException("tls_config: client cert and key must be given together");
            }
        }
        if (!config.minVersion().isEmpty()) {
            int min = VERSIONS.indexOf(config.minVersion());
            int max = config.maxVersion().isEmpty() ? VERSIONS.size() - 1 : VERSIONS.indexOf(config.maxVersion());
            List<String> protocols = new ArrayList<>();
            for (int i = Math.max(0, min); i <= max; i++) {
                protocols.add(PROTOCOLS.get(i));
            }
            b.protocols(protocols);
        }
        if (http2) {
            b.applicationProtocolConfig(ALPN_H2);
        }
        return b.build();
    }

    private static InputStream open(String inline, String file) throws IOException {
        if (!inline.isEmpty()) {
            return new ByteArrayInputStream(inline.getBytes(StandardCharsets.UTF_8));
        }
        if (!file.isEmpty()) {
            return new ByteArrayInputStream(Files.readAllBytes(Path.of(file)));
        }
        return null;
    }
}
