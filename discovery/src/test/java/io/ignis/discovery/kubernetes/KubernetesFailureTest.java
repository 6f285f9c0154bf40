package io.ignis.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ignis.config.HttpClientConfig;
import io.ignis.config.KubernetesSdConfig;
import io.ignis.discovery.Await;
import io.ignis.discovery.CapturedLogs;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.TargetGroup;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dropped API server and one answering HTTP 500: the last targets stay, failures are counted and logged, and
 * list and watch are retried with growing delays until they work again.
 */
class KubernetesFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The CRUD mock answering every GET (list or watch) with HTTP 500 while {@link #failing}; writes still work. */
    static final class FlakyDispatcher extends KubernetesCrudDispatcher {
        volatile boolean failing;
        final List<Long> failed = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (failing && request.getMethod().equals("GET")) {
                failed.add(System.nanoTime());
                return new MockResponse().setResponseCode(500).setHeader("Content-Type", "application/json")
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"message\":\"etcdserver: request timed out\",\"code\":500}");
            }
            return super.dispatch(request);
        }

        long gapMillis(int i) {
            return TimeUnit.NANOSECONDS.toMillis(failed.get(i) - failed.get(i - 1));
        }
    }

    private static KubernetesMockServer start(int port, KubernetesCrudDispatcher dispatcher) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return server;
    }

    /** A discoverer whose retries start at 100 ms instead of fabric8's 1 s, doubling on every failed attempt. */
    private static KubernetesDiscoverer quickRetrying(KubernetesSdConfig sd, RecordingDiscoveryMetrics metrics) {
        InCluster none = new InCluster(Path.of("token"), Path.of("ca.crt"), Path.of("namespace"),
                Map.<String, String>of()::get);
        Config config = KubernetesClients.config(sd, none);
        config.setWatchReconnectInterval(100);
        return new KubernetesDiscoverer(sd, metrics, KubernetesClients.create(config, metrics), none);
    }

    private static KubernetesMockServer start(int port) {
        return start(port, new KubernetesCrudDispatcher());
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
        try (CapturedLogs logs = CapturedLogs.of(KubernetesDiscoverer.class);
                KubernetesDiscoverer d = quickRetrying(config, metrics)) {
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
            assertThat(logs.has("WARN FailureCounter kubernetes request failed uri=http://127.0.0.1:" + port))
                    .as(logs.lines().toString()).isTrue();

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

    @Test
    void http500sKeepTargetsAreCountedLoggedAndRetriedWithGrowingDelays() {
        GoldenCase c = GoldenCase.load("service");
        RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
        RecordingSink sink = new RecordingSink();
        KubernetesMockServer server = start(0);
        int port = server.getPort();
        KubernetesSdConfig sd = new KubernetesSdConfig("http://127.0.0.1:" + port, "service", "",
                HttpClientConfig.DEFAULT, new KubernetesSdConfig.Namespaces(false, List.of("default")), List.of(),
                c.attach());
        try (CapturedLogs logs = CapturedLogs.of(KubernetesDiscoverer.class);
                KubernetesDiscoverer d = quickRetrying(sd, metrics)) {
            d.start(sink);
            Await.until("watching", WAIT, d::isWatching);
            try (KubernetesClient client = server.createClient()) {
                for (HasMetadata o : c.objects()) {
                    client.resource(o).create();
                }
            }
            Await.until("four services", WAIT, () -> sink.groups().size() == 4);
            Map<String, TargetGroup> before = sink.groups();

            // The watch drops; the server comes back but answers every list and watch with 500.
            server.destroy();
            FlakyDispatcher flaky = new FlakyDispatcher();
            flaky.failing = true;
            server = start(port, flaky);
            try (KubernetesClient client = server.createClient()) {
                for (HasMetadata o : c.objects()) {
                    client.resource(o).create();
                }
                client.resource(new ServiceBuilder().withNewMetadata().withName("after-recovery")
                        .withNamespace("default").endMetadata().withNewSpec().addNewPort().withPort(80).endPort()
                        .endSpec().build()).create();
            }
            Await.until("four failed requests", WAIT, () -> flaky.failed.size() >= 4
                    && metrics.value("prometheus_sd_kubernetes_failures_total") >= 4);
            assertThat(sink.groups()).isEqualTo(before);
            // Delays double from 100 ms: after three failures the wait is at least 400 ms, not a tight loop. (A lower
            // bound, since a busy machine only makes delays longer.)
            assertThat(flaky.gapMillis(3)).isGreaterThanOrEqualTo(390);
            assertThat(logs.has("WARN FailureCounter kubernetes request failed", "status=500"))
                    .as(logs.lines().toString()).isTrue();

            flaky.failing = false;
            Await.until("recovered with the new service, have " + sink.groups().keySet(), WAIT,
                    () -> sink.groups().containsKey("svc/default/after-recovery"));
            assertThat(sink.groups()).containsAllEntriesOf(before).hasSize(5);
        } finally {
            server.destroy();
        }
    }
}
