package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client configuration when neither {@code api_server} nor {@code kubeconfig_file} is set, as client-go's
 * {@code rest.InClusterConfig}: the API server at {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT},
 * the service account's bearer token and CA, and (for {@code namespaces.own_namespace}) the pod's namespace. Not
 * fabric8's auto-configuration, which would also read {@code ~/.kube/config}. Paths and environment are components
 * so tests use their own instead of {@code /var/run/secrets}.
 */
record InCluster(Path tokenFile, Path caFile, Path namespaceFile, Function<String, String> env) {
    private static final Logger LOG = LoggerFactory.getLogger(InCluster.class);
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** Where Kubernetes mounts the service account into a pod, and the real environment. */
    static InCluster pod() {
        return new InCluster(SERVICE_ACCOUNT.resolve("token"), SERVICE_ACCOUNT.resolve("ca.crt"),
                SERVICE_ACCOUNT.resolve("namespace"), System::getenv);
    }

    /** @throws IllegalStateException outside a cluster; UncheckedIOException when the token cannot be read */
    Config config() {
        String host = env.apply("KUBERNETES_SERVICE_HOST");
        String port = env.apply("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
            throw new IllegalStateException("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
                    + "KUBERNETES_SERVICE_PORT must be defined");
        }
        token(); // fails now, as client-go does, rather than at the first request
        String hostPort = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        // Bound service-account tokens rotate: read the file for every request rather than once.
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl("https://" + hostPort)
                .withOauthTokenProvider(this::token);
        if (validCa()) {
            b.withCaCertFile(caFile.toString());
        }
        LOG.info("using pod service account via in-cluster config api_server=https://{}", hostPort);
        return b.build();
    }

    /** The pod's own namespace. */
    String ownNamespace() {
        String ns;
        try {
            ns = Files.readString(namespaceFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not determine the pod's namespace: read " + namespaceFile + ": "
                    + e.getMessage(), e);
        }
        if (ns.isEmpty()) {
            throw new IllegalStateException("could not read own namespace name (empty file " + namespaceFile + ")");
        }
        return ns;
    }

    private String token() {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("read service account token " + tokenFile + ": " + e.getMessage(), e);
        }
    }

    // As client-go: an unreadable CA is logged and the system's trust store used instead.
    private boolean validCa() {
        try (InputStream in = Files.newInputStream(caFile)) {
            if (!CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                return true;
            }
            LOG.error("expected to load root CA config from {}, but it holds no certificate", caFile);
        } catch (NoSuchFileException e) {
            LOG.error("expected to load root CA config from {}, but the file does not exist", caFile);
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("expected to load root CA config from {}, but got err=\"{}\"", caFile, e.getMessage());
        }
        return false;
    }
}
