package io.ignis.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.DnsSdConfig;
import io.ignis.discovery.Await;
import io.ignis.discovery.CapturedLogs;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.RecordingSink;
import io.ignis.discovery.RefreshDiscoverer;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DNS SD against a real DNS server (dnsmasq) on loopback. */
class DnsmasqTest {
    private static final String ZONE = """
            srv-host=_http._tcp.example.test,web1.example.test,8080,0,10
            srv-host=_http._tcp.example.test,web2.example.test,8081,0,20
            host-record=web1.example.test,127.0.0.11
            host-record=web.example.test,10.0.0.1,fd00::1
            mx-host=example.test,mail.example.test,10
            auth-server=ns1.example.test,127.0.0.1
            auth-zone=example.test
            auth-sec-servers=ns2.example.test
            local=/test/
            """;

    @TempDir
    Path dir;

    private Dnsmasq dnsmasq;
    private final RecordingDiscoveryMetrics metrics = new RecordingDiscoveryMetrics();

    @BeforeEach
    void start() throws IOException {
        dnsmasq = Dnsmasq.start(dir, ZONE);
    }

    @AfterEach
    void stop() {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    record Case(String name, String type, int port, List<String> search, String query, List<Map<String, String>> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> target(String address, String name, String srvTarget, String srvPort,
            String mx) {
        return Map.of("__address__", address, "__meta_dns_name", name, "__meta_dns_srv_record_target", srvTarget,
                "__meta_dns_srv_record_port", srvPort, "__meta_dns_mx_record_target", mx,
                "__meta_dns_ns_record_target", "");
    }

    private static Map<String, String> ns(String address, String nsTarget) {
        Map<String, String> t = new HashMap<>(target(address, "example.test.", "", "", ""));
        t.put("__meta_dns_ns_record_target", nsTarget);
        return t;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("SRV", "SRV", 0, List.of(), "_http._tcp.example.test.", List.of(
                        target("web1.example.test:8080", "_http._tcp.example.test.", "web1.example.test.", "8080", ""),
                        target("web2.example.test:8081", "_http._tcp.example.test.", "web2.example.test.", "8081",
                                ""))),
                new Case("A", "A", 9100, List.of(), "web.example.test", List.of(
                        target("10.0.0.1:9100", "web.example.test", "", "", ""))),
                new Case("AAAA", "AAAA", 9100, List.of(), "web.example.test.", List.of(
                        target("[fd00::1]:9100", "web.example.test.", "", "", ""))),
                new Case("MX", "MX", 25, List.of(), "example.test.", List.of(
                        target("mail.example.test:25", "example.test.", "", "", "mail.example.test."))),
                new Case("NS (the zone's authoritative servers)", "NS", 53, List.of(), "example.test.", List.of(
                        ns("ns1.example.test:53", "ns1.example.test."), ns("ns2.example.test:53", "ns2.example.test."))),
                new Case("search domain completes a short name", "A", 80, List.of("nothing.test", "example.test"),
                        "web", List.of(target("10.0.0.1:80", "web", "", "", ""))),
                new Case("NXDOMAIN is an empty group", "A", 80, List.of(), "missing.example.test.", List.of()));
    }

    private DnsDiscoverer discoverer(String type, int port, List<String> search, Duration refresh, String... names) {
        DnsResolver resolver = new DnsResolver(new DnsResolver.Settings(List.of(dnsmasq.address()), search, 1,
                Duration.ofMillis(300)));
        return new DnsDiscoverer(new DnsSdConfig(List.of(names), refresh, type, port), "job", resolver, metrics,
                Duration.ofMillis(50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolves(Case c) throws Exception {
        List<TargetGroup> groups = discoverer(c.type(), c.port(), c.search(), Duration.ofMinutes(1), c.query())
                .refresh();
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).source()).isEqualTo(c.query());
        assertThat(groups.get(0).targets()).containsExactlyInAnyOrderElementsOf(c.want());
        assertThat(metrics.value("prometheus_sd_dns_lookups_total")).isEqualTo(1);
    }

    private static List<String> addresses(RecordingSink sink) {
        TargetGroup tg = sink.groups().get("_http._tcp.example.test.");
        return tg == null ? List.of() : tg.targets().stream().map(t -> t.get("__address__")).toList();
    }

    @Test
    void serverGoingAwayKeepsLastTargetsAndRetriesWithBackoff() throws IOException {
        RecordingSink sink = new RecordingSink();
        try (DnsDiscoverer d = discoverer("SRV", 0, List.of(), Duration.ofMillis(200), "_http._tcp.example.test.")) {
            d.start(sink);
            Await.until("first refresh", Duration.ofSeconds(5), () -> sink.groups().size() == 1);
            assertThat(addresses(sink)).containsExactlyInAnyOrder("web1.example.test:8080", "web2.example.test:8081");

            int port = dnsmasq.address().getPort();
            dnsmasq.close();
            Await.until("two failed refreshes", Duration.ofSeconds(10),
                    () -> metrics.value("prometheus_sd_refresh_failures_total{dns,job}") >= 2);
            assertThat(metrics.value("prometheus_sd_dns_lookup_failures_total")).isGreaterThanOrEqualTo(2);
            assertThat(addresses(sink)).containsExactlyInAnyOrder("web1.example.test:8080", "web2.example.test:8081");

            dnsmasq = Dnsmasq.start(dir, ZONE.replace("8081", "9091"), port);
            Await.until("recovered with the new record", Duration.ofSeconds(10),
                    () -> addresses(sink).contains("web2.example.test:9091"));
        }
    }

    @Test
    void timeoutsKeepLastTargetsRetryWithBackoffAndAreLogged() throws Exception {
        RecordingSink sink = new RecordingSink();
        DnsResolver answering = new DnsResolver(new DnsResolver.Settings(List.of(dnsmasq.address()), List.of(), 1,
                Duration.ofMillis(300)));
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                CapturedLogs logs = CapturedLogs.of(RefreshDiscoverer.class)) {
            DnsResolver mute = new DnsResolver(new DnsResolver.Settings(List.of(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), silent.getLocalPort())), List.of(), 1, Duration.ofMillis(300)));
            AtomicReference<DnsResolver> current = new AtomicReference<>(answering);
            List<Long> muteLookups = new CopyOnWriteArrayList<>();
            Duration interval = Duration.ofMillis(1500);
            DnsDiscoverer d = new DnsDiscoverer(new DnsSdConfig(List.of("_http._tcp.example.test."), interval, "SRV",
                    0), "job", (n, t) -> {
                        DnsResolver r = current.get();
                        if (r == mute) {
                            muteLookups.add(System.nanoTime());
                        }
                        return r.lookup(n, t);
                    }, metrics, Duration.ofMillis(50));
            try (d) {
                d.start(sink);
                Await.until("first refresh", Duration.ofSeconds(5), () -> sink.groups().size() == 1);
                current.set(mute);
                Await.until("three timed-out refreshes", Duration.ofSeconds(10),
                        () -> metrics.value("prometheus_sd_refresh_failures_total{dns,job}") >= 3);
                // Retries come sooner than the refresh interval: 300 ms timeouts plus 50, 100, 200 ms of backoff.
                for (int i = 1; i < 3; i++) {
                    assertThat(TimeUnit.NANOSECONDS.toMillis(muteLookups.get(i) - muteLookups.get(i - 1)))
                            .isLessThan(interval.toMillis());
                }
                assertThat(addresses(sink)).containsExactlyInAnyOrder("web1.example.test:8080",
                        "web2.example.test:8081");
                assertThat(sink.pushCount()).isEqualTo(1);
                assertThat(metrics.value("prometheus_sd_dns_lookup_failures_total")).isGreaterThanOrEqualTo(2);
                assertThat(logs.has("ERROR DnsDiscoverer error refreshing DNS targets name=_http._tcp.example.test.",
                        "could not resolve")).as(logs.lines().toString()).isTrue();
                assertThat(logs.has("ERROR RefreshDiscoverer unable to refresh target groups mechanism=dns",
                        "config=job")).as(logs.lines().toString()).isTrue();

                current.set(answering);
                Await.until("a successful refresh after the failures", Duration.ofSeconds(10),
                        () -> sink.pushCount() >= 2);
                assertThat(addresses(sink)).containsExactlyInAnyOrder("web1.example.test:8080",
                        "web2.example.test:8081");
            }
        }
    }
}
