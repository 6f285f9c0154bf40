package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.discovery.Await;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.TargetGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dropped API server: the last targets stay, failures are counted, and the watch comes back. */
class KubernetesFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KubernetesMockServer start(int port) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return server;
    }

    @Test
    void serverGoneKeepsTargetsCountsFailuresAndReconnects() {
        GoldenCase c = GoldenCase.load("service");
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        RecordingSink sink = new RecordingSink();
        KubernetesMockServer server = start(0);
        int port = server.getPort();
        KubernetesSdConfig config = new KubernetesSdConfig("http://127.0.0.1:" + port, "service", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of("default")), List.of(),
                c.attach());
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, "k8s", metrics)) {
            d.start(sink);
            Await.until("watching", WAIT, d::isWatching);
            try (KubernetesClient client = server.createClient()) {
                for (HasMetadata o : c.objects()) {
                    client.resource(o).create();
                }
            }
            Await.until("four services", WAIT, () -> sink.groups().size() == 4);
            Map<String, TargetGroup> before = sink.groups();

            server.destroy();
            Await.until("a failed list or watch", WAIT,
                    () -> metrics.value("prometheus_sd_kubernetes_failures_total") >= 1);
            assertThat(sink.groups()).isEqualTo(before);

            server = start(port);
            try (KubernetesClient client = server.createClient()) {
                client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
                        .withName("after-reconnect").withNamespace("default").endMetadata().withNewSpec()
                        .addNewPort().withPort(80).endPort().endSpec().build()).create();
            }
            // The mock server accepts the old resourceVersion, so the watch resumes without a relist: the old
            // groups stay and the new service shows up.
            Await.until("watch resumed, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().containsKey("svc/default/after-reconnect"));
            assertThat(sink.groups()).containsAllEntriesOf(before).hasSize(5);
        } finally {
            server.destroy();
        }
    }
}
