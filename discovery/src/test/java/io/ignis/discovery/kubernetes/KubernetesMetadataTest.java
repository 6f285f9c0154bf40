package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
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
import io.ignis.discovery.TargetGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** attach_metadata: a change to the node or namespace rebuilds the groups of the pods on it. */
class KubernetesMetadataTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SOURCE = "pod/ns1/p";

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

    private static void awaitGroup(RecordingSink sink, String what, Predicate<TargetGroup> condition) {
        Await.until(what + ", have " + sink.groups(), WAIT,
                () -> sink.groups().containsKey(SOURCE) && condition.test(sink.groups().get(SOURCE)));
    }

    @Test
    void nodeAndNamespaceChangesReachThePodGroup() {
        KubernetesSdConfig config = new KubernetesSdConfig(client.getMasterUrl().toString(), "pod", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of()), List.of(),
                new KubernetesSdConfig.AttachMetadata(true, true, false, false, false));
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config, "k8s", new RecordingDiscoveryMetrics())) {
            d.start(sink);
            Await.until("informers watching", WAIT, d::isWatching);
            client.resource(new NamespaceBuilder().withNewMetadata().withName("ns1").addToLabels("team", "a")
                    .endMetadata().build()).create();
            Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns1").endMetadata()
                    .withNewSpec().withNodeName("n1").addNewContainer().withName("c").withImage("i").endContainer()
                    .endSpec().withNewStatus().withPodIP("10.0.0.1").endStatus().build();
            client.resource(pod).create();
            Await.until("a push for the pod", WAIT, () -> sink.pushCount() >= 1);
            assertThat(sink.groups()).as("no targets while the pod's node is unknown").isEmpty();

            client.resource(new NodeBuilder().withNewMetadata().withName("n1").addToLabels("zone", "z1")
                    .endMetadata().build()).create();
            awaitGroup(sink, "node labels", g -> "z1".equals(g.labels().get("__meta_kubernetes_node_label_zone"))
                    && !g.targets().isEmpty());

            client.nodes().withName("n1").edit(n -> {
                n.getMetadata().getLabels().put("zone", "z2");
                return n;
            });
            awaitGroup(sink, "updated node label",
                    g -> "z2".equals(g.labels().get("__meta_kubernetes_node_label_zone")));

            client.namespaces().withName("ns1").edit(n -> {
                n.getMetadata().getLabels().put("team", "b");
                return n;
            });
            awaitGroup(sink, "updated namespace label",
                    g -> "b".equals(g.labels().get("__meta_kubernetes_namespace_label_team")));
        }
    }
}
