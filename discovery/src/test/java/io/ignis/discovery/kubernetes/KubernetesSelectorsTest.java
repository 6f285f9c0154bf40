package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code namespaces} and {@code selectors} narrow what the informers list and watch. */
class KubernetesSelectorsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    private static Pod pod(String namespace, String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app)
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .withNewStatus().withPodIP("10.0.0.1").endStatus().build();
    }

    @Test
    void onlyListedNamespacesAndMatchingLabelsAndFields() {
        KubernetesSdConfig config = new KubernetesSdConfig(client.getMasterUrl().toString(), "pod", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of("ns1", "ns3")),
                List.of(new KubernetesSdConfig.Selector("pod", "app=web", ""),
                        new KubernetesSdConfig.Selector("service", "app=other", "")), null);
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, "k8s", new RecordingDiscoveryMetrics())) {
            d.start(sink);
            Await.until("informers watching", WAIT, d::isWatching);
            for (Pod p : List.of(pod("ns1", "web-1", "web"), pod("ns1", "db-1", "db"), pod("ns2", "web-2", "web"),
                    pod("ns3", "web-3", "web"))) {
                client.resource(p).create();
            }
            Await.until("web pods of ns1 and ns3, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().keySet().equals(Set.of("pod/ns1/web-1", "pod/ns3/web-3")));
        }
        assertThat(sink.groups()).doesNotContainKeys("pod/ns1/db-1", "pod/ns2/web-2");
    }

    @Test
    void fieldSelectorNarrowsTheList() {
        client.resource(pod("default", "a", "web")).create();
        client.resource(pod("default", "b", "web")).create();
        KubernetesSdConfig config = new KubernetesSdConfig(client.getMasterUrl().toString(), "pod", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of()),
                List.of(new KubernetesSdConfig.Selector("pod", "", "metadata.name=b")), null);
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, "k8s", new RecordingDiscoveryMetrics())) {
            d.start(sink);
            Await.until("only b, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().keySet().equals(Set.of("pod/default/b")));
        }
        assertThat(sink.pushes()).allSatisfy(push -> assertThat(push).noneMatch(g -> g.source().endsWith("/a")));
    }
}
