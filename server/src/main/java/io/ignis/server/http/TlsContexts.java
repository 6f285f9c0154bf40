package io.ignis.server.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the server's {@link SslContext} from a {@link TlsServerConfig} with the JDK provider, translating Go's
 * names: TLS versions, client-auth policies and cipher suite names (Go's ChaCha20 names lack the IANA
 * {@code _SHA256} suffix).
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext build(TlsServerConfig c) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(c.certFile().toFile(), c.keyFile().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(protocols(c.minVersion(), c.maxVersion()));
            if (!c.cipherSuites().isEmpty()) {
                List<String> ciphers = new ArrayList<>();
                for (String s : c.cipherSuites()) {
                    ciphers.add(s.endsWith("_CHACHA20_POLY1305") ? s + "_SHA256" : s);
                }
                b.ciphers(ciphers);
            }
            switch (c.clientAuthType()) {
                case "RequestClientCert" -> b.clientAuth(ClientAuth.OPTIONAL)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE);
                case "RequireAnyClientCert" -> b.clientAuth(ClientAuth.REQUIRE)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE);
                case "VerifyClientCertIfGiven" -> b.clientAuth(ClientAuth.OPTIONAL)
                        .trustManager(c.clientCaFile().toFile());
                case "RequireAndVerifyClientCert" -> b.clientAuth(ClientAuth.REQUIRE)
                        .trustManager(c.clientCaFile().toFile());
                default -> b.clientAuth(ClientAuth.NONE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new WebConfigException("tls_server_config: load cert_file " + c.certFile() + " and key_file "
                    + c.keyFile() + ": " + e.getMessage(), e);
        }
    }

    /** JDK protocol names from Go's {@code TLS12}-style bounds, inclusive. */
    static String[] protocols(String min, String max) {
        String[] all = {"TLS10", "TLS11", "TLS12", "TLS13"};
        String[] jdk = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i].compareTo(min) >= 0 && all[i].compareTo(max) <= 0) {
                out.add(jdk[i]);
            }
        }
        return out.toArray(new String[0]);
    }

    /** The JDK named group for Go's curve name, or null when unknown. */
    static String namedGroup(String goCurve) {
        return switch (goCurve) {
            case "CurveP256" -> "secp256r1";
            case "CurveP384" -> "secp384r1";
            case "CurveP521" -> "secp521r1";
            case "X25519" -> "x25519";
            default -> null;
        };
    }
}
