package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.discovery.Await;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the discoverer reaches the mock API server over TLS. In-cluster: neither {@code api_server} nor
 * {@code kubeconfig_file}, the server found through KUBERNETES_SERVICE_HOST/PORT, trusted through the service
 * account's CA file, called with its token, and {@code namespaces.own_namespace} read from its namespace file.
 * And {@code kubeconfig_file}: server, CA file and token from the kubeconfig's current context.
 */
class KubernetesConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.in-cluster-test-token";

    @TempDir
    Path dir;

    private MockWebServer web;
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        web = new MockWebServer();
        server = new KubernetesMockServer(new Context(), web, new HashMap<>(), new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    private static Service service(String namespace, String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build();
    }

    /** The service account mounted under dir, with the mock server's self-signed certificate as its CA. */
    private InCluster serviceAccount() throws IOException {
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), dir.resolve("ca.crt"));
        Files.writeString(dir.resolve("namespace"), "team-a");
        // The certificate is issued to localhost.
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "localhost", "KUBERNETES_SERVICE_PORT",
                Integer.toString(server.getPort()));
        return new InCluster(dir.resolve("token"), dir.resolve("ca.crt"), dir.resolve("namespace"), env::get);
    }

    @Test
    void serviceAccountReachesTheApiServerAndOwnNamespaceIsWatched() throws Exception {
        KubernetesSdConfig config = new KubernetesSdConfig("", "service", "", HttpClientConfig.DEFAULT,
                new KubernetesSdConfig.Namespaces(true, List.of("shared")), List.of(), null);
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, new RecordingDiscoveryMetrics(),
                serviceAccount())) {
            d.start(sink);
            Await.until("informers watching", WAIT, d::isWatching);
            for (Service s : List.of(service("team-a", "api"), service("shared", "db"), service("team-b", "web"))) {
                client.resource(s).create();
            }
            Await.until("services of team-a and shared, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().keySet().equals(Set.of("svc/team-a/api", "svc/shared/db")));
            assertThat(sink.groups().get("svc/team-a/api").targets()).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("__address__", "api.team-a.svc:80"));
        }
        assertThat(sink.groups()).doesNotContainKey("svc/team-b/web");

        List<String> discovererCalls = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(0, TimeUnit.SECONDS); r != null;
                r = server.takeRequest(0, TimeUnit.SECONDS)) {
            if (r.getMethod().equals("GET")) {
                discovererCalls.add(r.getPath() + " " + r.getHeader("Authorization"));
            }
        }
        // Only the discoverer lists and watches; every one of its calls names one of the two namespaces.
        assertThat(discovererCalls).isNotEmpty().allSatisfy(call -> assertThat(call)
                .matches("/api/v1/namespaces/(team-a|shared)/services\\?.* Bearer " + TOKEN.replace(".", "\\.")));
    }

    @Test
    void kubeconfigFileNamesTheServerItsCaAndTheToken() throws Exception {
        Path ca = Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), dir.resolve("ca.crt"));
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "https://localhost:%d", certificate-authority: "%s"}
                users:
                  - name: sd
                    user: {token: "%s"}
                contexts:
                  - name: sd@mock
                    context: {cluster: mock, user: sd}
                current-context: sd@mock
                """.formatted(server.getPort(), ca, TOKEN));
        KubernetesSdConfig config = new KubernetesSdConfig("", "node", kubeconfig.toString(), HttpClientConfig.DEFAULT,
                new KubernetesSdConfig.Namespaces(false, List.of()), List.of(), null);
        RecordingSink sink = new RecordingSink();
        // No service account around: the kubeconfig alone must do.
        InCluster outside = new InCluster(dir.resolve("none"), dir.resolve("none"), dir.resolve("none"),
                Map.<String, String>of()::get);
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, new RecordingDiscoveryMetrics(), outside)) {
            d.start(sink);
            Await.until("informers watching", WAIT, d::isWatching);
            client.resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .addNewAddress().withType("InternalIP").withAddress("10.0.0.1").endAddress().endStatus().build())
                    .create();
            Await.until("node-1, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().containsKey("node/node-1"));
        }
        boolean sawToken = false;
        for (RecordedRequest r = server.takeRequest(0, TimeUnit.SECONDS); r != null;
                r = server.takeRequest(0, TimeUnit.SECONDS)) {
            if (r.getMethod().equals("GET")) {
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
                sawToken = true;
            }
        }
        assertThat(sawToken).isTrue();
    }
}
