package io.ignis.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.DnsSdConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.config.StaticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();
    private final FakeFactory factory = new FakeFactory();
    private final DiscoveryManager manager = new DiscoveryManager("scrape", factory, metrics, Duration.ofMillis(20),
            () -> 1_700_000_000_000L);
    private final Subscriber subscriber = new Subscriber();

    @AfterEach
    void close() {
        manager.close();
    }

    /** A discoverer the test drives by hand. */
    static final class FakeDiscoverer implements Discoverer {
        final SdConfig config;
        volatile Consumer<List<TargetGroup>> sink;
        volatile boolean closed;

        FakeDiscoverer(SdConfig config) {
            this.config = config;
        }

        @Override
        public void start(Consumer<List<TargetGroup>> sink) {
            this.sink = sink;
        }

        void push(TargetGroup... groups) {
            sink.accept(List.of(groups));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Static configs run for real; DNS configs become fakes; a DNS config of type "BAD" fails to create. */
    static final class FakeFactory implements DiscovererFactory {
        final List<FakeDiscoverer> created = new ArrayList<>();

        @Override
        public synchronized Discoverer create(SdConfig config, String setName) {
            if (config instanceof SdConfig.Static s) {
                return new io.ignis.discovery.staticconfig.StaticDiscoverer(s.configs());
            }
            if (config instanceof SdConfig.Dns d && d.config().type().equals("BAD")) {
                throw new IllegalArgumentException("invalid DNS-SD records type BAD");
            }
            FakeDiscoverer f = new FakeDiscoverer(config);
            created.add(f);
            return f;
        }

        synchronized FakeDiscoverer get(int i) {
            return created.get(i);
        }

        synchronized int count() {
            return created.size();
        }
    }

    private static ServiceDiscoveryConfigs dns(String... names) {
        return new ServiceDiscoveryConfigs(List.of(), List.of(), List.of(new DnsSdConfig(List.of(names),
                Duration.ofSeconds(30), "SRV", 0)), List.of(), List.of());
    }

    private static ServiceDiscoveryConfigs statics(StaticConfig... configs) {
        return new ServiceDiscoveryConfigs(List.of(configs), List.of(), List.of(), List.of(), List.of());
    }

    private static TargetGroup group(String source, String... addresses) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (String a : addresses) {
            targets.add(Map.of("__address__", a));
        }
        return new TargetGroup(source, targets, Map.of());
    }

    private static Map<String, ServiceDiscoveryConfigs> jobs(Object... pairs) {
        Map<String, ServiceDiscoveryConfigs> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (ServiceDiscoveryConfigs) pairs[i + 1]);
        }
        return m;
    }

    private void awaitLast(String what, Map<String, List<TargetGroup>> want) {
        Await.until(what + ": last update " + subscriber.last(), WAIT, () -> subscriber.last().equals(want));
    }

    @Test
    void staticConfigsAreOneGroupPerEntryIndexedBySource() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("node", statics(new StaticConfig(List.of("a:9100", "b:9100"), Map.of("env", "x")),
                new StaticConfig(List.of("c:9100"), Map.of()))));
        awaitLast("static groups", Map.of("node", List.of(
                new TargetGroup("0", List.of(Map.of("__address__", "a:9100"), Map.of("__address__", "b:9100")),
                        Map.of("env", "x")),
                new TargetGroup("1", List.of(Map.of("__address__", "c:9100")), Map.of()))));
        assertThat(metrics.value("prometheus_sd_discovered_targets{node,scrape}")).isEqualTo(3);
        assertThat(metrics.value("prometheus_sd_last_update_timestamp_seconds{node,scrape}")).isEqualTo(1.7e9);
    }

    @Test
    void jobWithoutConfigsIsSentWithNoGroups() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("empty", ServiceDiscoveryConfigs.EMPTY));
        awaitLast("empty job", Map.of("empty", List.of()));
    }

    @Test
    void equalConfigsShareOneProviderAndEachJobGetsItsGroups() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("a", dns("x.example."), "b", dns("x.example."), "c", dns("y.example.")));
        assertThat(factory.count()).isEqualTo(2);
        factory.get(0).push(group("x.example.", "1.2.3.4:80"));
        factory.get(1).push(group("y.example.", "5.6.7.8:80"));
        awaitLast("shared provider", Map.of("a", List.of(group("x.example.", "1.2.3.4:80")),
                "b", List.of(group("x.example.", "1.2.3.4:80")), "c", List.of(group("y.example.", "5.6.7.8:80"))));
    }

    @Test
    void reloadKeepsUnchangedProvidersAndCopiesTheirGroupsToNewJobs() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("a", dns("x.example."), "c", dns("y.example.")));
        factory.get(0).push(group("x.example.", "1.2.3.4:80"));
        factory.get(1).push(group("y.example.", "5.6.7.8:80"));
        Await.until("first groups", WAIT, () -> subscriber.last().size() == 2
                && subscriber.last().get("c").size() == 1 && subscriber.last().get("a").size() == 1);

        manager.applyConfig(jobs("a", dns("x.example."), "b", dns("x.example."), "d", dns("z.example.")));

        assertThat(factory.count()).isEqualTo(3);
        assertThat(factory.get(0).closed).isFalse();
        assertThat(factory.get(1).closed).as("provider no job uses any more").isTrue();
        awaitLast("after reload", Map.of("a", List.of(group("x.example.", "1.2.3.4:80")),
                "b", List.of(group("x.example.", "1.2.3.4:80")), "d", List.of()));
        assertThat(metrics.has("prometheus_sd_discovered_targets{c,scrape}")).isFalse();

        factory.get(1).push(group("y.example.", "9.9.9.9:80"));
        factory.get(0).push(group("x.example."));
        awaitLast("removal by empty group; stopped provider ignored",
                Map.of("a", List.of(), "b", List.of(), "d", List.of()));
    }

    @Test
    void failedConfigIsCountedAndOtherJobsRun() {
        ServiceDiscoveryConfigs bad = new ServiceDiscoveryConfigs(List.of(), List.of(),
                List.of(new DnsSdConfig(List.of("q."), Duration.ofSeconds(30), "BAD", 0)), List.of(), List.of());
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("bad", bad, "good", dns("x.example.")));
        factory.get(0).push(group("x.example.", "1.2.3.4:80"));
        awaitLast("good job despite bad one", Map.of("bad", List.of(),
                "good", List.of(group("x.example.", "1.2.3.4:80"))));
        assertThat(metrics.value("prometheus_sd_failed_configs{scrape}")).isEqualTo(1);
    }

    @Test
    void burstsOfUpdatesAreCoalesced() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("a", dns("x.example.")));
        FakeDiscoverer d = factory.get(0);
        for (int i = 0; i < 500; i++) {
            d.push(group("x.example.", "10.0.0." + (i % 250) + ":80"));
        }
        d.push(group("x.example.", "done:80"));
        awaitLast("final state", Map.of("a", List.of(group("x.example.", "done:80"))));
        assertThat(metrics.value("prometheus_sd_received_updates_total{scrape}")).isEqualTo(501);
        assertThat(subscriber.count()).isLessThan(100);
        assertThat(metrics.value("prometheus_sd_updates_total{scrape}")).isEqualTo(subscriber.count());
    }

    @Test
    void groupsFromSeveralSourcesAccumulateAndEmptyGroupsRemoveThem() {
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("a", dns("x.example.", "y.example.")));
        FakeDiscoverer d = factory.get(0);
        d.push(group("x", "1:1"), group("y", "2:2"));
        d.push(group("z", "3:3"));
        d.push(group("y"));
        awaitLast("x and z", Map.of("a", List.of(group("x", "1:1"), group("z", "3:3"))));
        assertThat(manager.targetGroups()).isEqualTo(subscriber.last());
        assertThat(metrics.value("prometheus_sd_discovered_targets{a,scrape}")).isEqualTo(2);
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthersOrLaterUpdates() {
        manager.subscribe(update -> {
            throw new IllegalStateException("subscriber bug");
        });
        manager.subscribe(subscriber);
        manager.applyConfig(jobs("a", dns("x.example.")));
        factory.get(0).push(group("x", "1:1"));
        awaitLast("first", Map.of("a", List.of(group("x", "1:1"))));
        factory.get(0).push(group("x", "2:2"));
        awaitLast("second", Map.of("a", List.of(group("x", "2:2"))));
    }

    @Test
    void aLateSubscriberGetsTheCurrentState() {
        manager.applyConfig(jobs("a", dns("x.example.")));
        factory.get(0).push(group("x", "1:1"));
        Await.until("groups held", WAIT, () -> manager.targetGroups().get("a").size() == 1);
        manager.subscribe(subscriber);
        awaitLast("state on subscribe", Map.of("a", List.of(group("x", "1:1"))));
    }

    @Test
    void closeStopsProviders() {
        manager.applyConfig(jobs("a", dns("x.example.")));
        manager.close();
        assertThat(factory.get(0).closed).isTrue();
    }
}
