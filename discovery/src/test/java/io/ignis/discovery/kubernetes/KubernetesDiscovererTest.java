package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against a Kubernetes mock API server in CRUD mode: the golden objects are created, changed and
 * deleted while the discoverer's watches run, and its groups follow.
 */
class KubernetesDiscovererTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private KubernetesMockServer server;
    private KubernetesClient client;
    private final RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();

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

    // -Dgolden.case=<name> runs one case.
    static Stream<GoldenCase> cases() {
        String only = System.getProperty("golden.case", "");
        return GoldenCase.FILES.stream().filter(n -> only.isEmpty() || n.equals(only)).map(GoldenCase::load);
    }

    private KubernetesSdConfig config(GoldenCase c) {
        return new KubernetesSdConfig(client.getMasterUrl().toString(), c.role(), "", HttpClientConfig.DEFAULT,
                new KubernetesSdConfig.Namespaces(false, List.of()), List.of(), c.attach());
    }

    private static Map<String, TargetGroup> bySource(List<TargetGroup> groups) {
        Map<String, TargetGroup> m = new LinkedHashMap<>();
        groups.forEach(g -> m.put(g.source(), g));
        return m;
    }

    // The mock server assigns its own uids.
    private static Map<String, TargetGroup> normalized(Map<String, TargetGroup> groups) {
        Map<String, TargetGroup> out = new LinkedHashMap<>();
        for (TargetGroup g : groups.values()) {
            Map<String, String> labels = new HashMap<>(g.labels());
            labels.computeIfPresent("__meta_kubernetes_pod_uid", (k, v) -> "<uid>");
            List<Map<String, String>> targets = g.targets().stream().map(t -> {
                Map<String, String> m = new HashMap<>(t);
                m.computeIfPresent("__meta_kubernetes_pod_uid", (k, v) -> "<uid>");
                return m;
            }).toList();
            out.put(g.source(), new TargetGroup(g.source(), targets, labels));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsCreateUpdateDeleteThroughTheWatch(GoldenCase c) {
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config(c), "k8s", metrics)) {
            d.start(sink);
            // The mock server does not replay events from a list's resourceVersion, as a real one does: changes
            // made between an informer's list and its watch would be lost.
            Await.until("informers watching", WAIT, d::isWatching);
            for (HasMetadata o : c.objects()) {
                client.resource(o).create();
            }
            Await.until("groups of " + c.name() + ", have " + sink.groups(), WAIT,
                    () -> normalized(sink.groups()).equals(normalized(bySource(c.wantWithTargets()))));

            String label = "__meta_kubernetes_" + c.role() + "_label_changed";
            for (HasMetadata o : c.primaries()) {
                client.resource(o).edit(x -> {
                    x.getMetadata().setLabels(new HashMap<>(x.getMetadata().getLabels() == null ? Map.of()
                            : x.getMetadata().getLabels()));
                    x.getMetadata().getLabels().put("changed", "yes");
                    return x;
                });
            }
            Await.until("changed label on every group, have " + sink.groups(), WAIT,
                    () -> sink.groups().values().stream().allMatch(g -> "yes".equals(g.labels().get(label)))
                            && sink.groups().size() == c.wantWithTargets().size());

            for (HasMetadata o : c.primaries()) {
                client.resource(o).delete();
            }
            Await.until("all groups gone, have " + sink.groups(), WAIT, () -> sink.groups().isEmpty());
            assertThat(metrics.value("prometheus_sd_kubernetes_events_total{" + c.role() + ",add}"))
                    .isGreaterThanOrEqualTo(c.primaries().size());
            assertThat(metrics.value("prometheus_sd_kubernetes_events_total{" + c.role() + ",update}"))
                    .isGreaterThanOrEqualTo(c.primaries().size());
            assertThat(metrics.value("prometheus_sd_kubernetes_events_total{" + c.role() + ",delete}"))
                    .isGreaterThanOrEqualTo(c.primaries().size());
        }
    }

    // Cases whose group borrows labels from other objects that, arriving later, must requeue it (by index).
    static Stream<GoldenCase> linkedCases() {
        return Stream.of("endpoints-service", "endpoints-sidecar", "endpointslice-service-pod", "pod-node-metadata",
                "pod-deployment-metadata", "pod-cronjob-metadata", "endpointslice-dual-stack").map(GoldenCase::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkedCases")
    void objectsArrivingAfterTheRolesObjectUpdateItsGroup(GoldenCase c) {
        RecordingSink sink = new RecordingSink();
        try (KubernetesDiscoverer d = new KubernetesDiscoverer(config(c), "k8s", metrics)) {
            d.start(sink);
            Await.until("informers watching", WAIT, d::isWatching);
            for (HasMetadata o : c.primaries()) {
                client.resource(o).create();
            }
            Await.until("a first push", WAIT, () -> sink.pushCount() >= c.primaries().size());
            for (HasMetadata o : c.objects()) {
                if (!c.primaries().contains(o)) {
                    client.resource(o).create();
                }
            }
            Await.until("groups of " + c.name() + ", have " + sink.groups(), WAIT,
                    () -> normalized(sink.groups()).equals(normalized(bySource(c.wantWithTargets()))));
        }
    }
}
