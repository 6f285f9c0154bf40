package io.ignis.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.DnsSdConfig;
import io.ignis.discovery.PartialRefreshException;
import io.ignis.discovery.RecordingDiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** The label sets of Prometheus's {@code TestDNS} cases, from recorded answers. */
class DnsDiscovererTest {
    record Case(String name, String type, int port, String query, List<Record> answer, List<Map<String, String>> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Name OWNER = name("owner.example.com.");

    private static Name name(String s) {
        try {
            return Name.fromString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> target(String address, String name, Map<String, String> specific) {
        Map<String, String> t = new HashMap<>(Map.of("__address__", address, "__meta_dns_name", name,
                "__meta_dns_srv_record_target", "", "__meta_dns_srv_record_port", "",
                "__meta_dns_mx_record_target", "", "__meta_dns_ns_record_target", ""));
        t.putAll(specific);
        return t;
    }

    static Stream<Case> cases() {
        String web = "web.example.com.";
        String db = "_mysql._tcp.db.example.com.";
        return Stream.of(
                new Case("A record query", "A", 80, web, List.of(new ARecord(OWNER, DClass.IN, 60, ip("192.0.2.2"))),
                        List.of(target("192.0.2.2:80", web, Map.of()))),
                new Case("AAAA record query", "AAAA", 80, web,
                        List.of(new AAAARecord(OWNER, DClass.IN, 60, ip("::1"))),
                        List.of(target("[::1]:80", web, Map.of()))),
                new Case("SRV record query", "SRV", 0, db, List.of(
                        new SRVRecord(OWNER, DClass.IN, 60, 0, 0, 3306, name("db1.example.com.")),
                        new SRVRecord(OWNER, DClass.IN, 60, 0, 0, 3306, name("db2.example.com."))), List.of(
                        target("db1.example.com:3306", db, Map.of("__meta_dns_srv_record_target", "db1.example.com.",
                                "__meta_dns_srv_record_port", "3306")),
                        target("db2.example.com:3306", db, Map.of("__meta_dns_srv_record_target", "db2.example.com.",
                                "__meta_dns_srv_record_port", "3306")))),
                new Case("SRV record query with unsupported resource records", "SRV", 0, db, List.of(
                        new SRVRecord(OWNER, DClass.IN, 60, 0, 0, 3306, name("db1.example.com.")),
                        new TXTRecord(OWNER, DClass.IN, 60, "this should be discarded"),
                        new CNAMERecord(OWNER, DClass.IN, 60, name("alias.example.com."))), List.of(
                        target("db1.example.com:3306", db, Map.of("__meta_dns_srv_record_target", "db1.example.com.",
                                "__meta_dns_srv_record_port", "3306")))),
                new Case("SRV record query with empty answer (NXDOMAIN)", "SRV", 0, db, List.of(), List.of()),
                new Case("MX record query", "MX", 25, "example.com.", List.of(
                        new MXRecord(OWNER, DClass.IN, 60, 0, name("smtp1.example.com.")),
                        new MXRecord(OWNER, DClass.IN, 60, 10, name("smtp2.example.com."))), List.of(
                        target("smtp1.example.com:25", "example.com.",
                                Map.of("__meta_dns_mx_record_target", "smtp1.example.com.")),
                        target("smtp2.example.com:25", "example.com.",
                                Map.of("__meta_dns_mx_record_target", "smtp2.example.com.")))),
                new Case("NS record query", "NS", 53, "example.com.", List.of(
                        new NSRecord(OWNER, DClass.IN, 60, name("ns1.example.com."))), List.of(
                        target("ns1.example.com:53", "example.com.",
                                Map.of("__meta_dns_ns_record_target", "ns1.example.com.")))));
    }

    private static DnsDiscoverer discoverer(String type, int port, DnsLookup lookup, RecordingDiscoveryMetrics m,
            String... names) {
        return new DnsDiscoverer(new DnsSdConfig(List.of(names), Duration.ofMinutes(1), type, port), "dns", lookup, m,
                Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void labelsAsPrometheus(Case c) throws Exception {
        Message answer = new Message();
        c.answer().forEach(r -> answer.addRecord(r, Section.ANSWER));
        DnsDiscoverer d = discoverer(c.type(), c.port(), (n, t) -> answer, new RecordingDiscoveryMetrics(), c.query());
        assertThat(d.refresh()).containsExactly(new TargetGroup(c.query(), c.want(), Map.of()));
    }

    @Test
    void failedNameKeepsItsGroupAndTheOthersRefresh() {
        RecordingDiscoveryMetrics m = new RecordingDiscoveryMetrics();
        Message ok = new Message();
        ok.addRecord(new ARecord(OWNER, DClass.IN, 60, ip("192.0.2.2")), Section.ANSWER);
        DnsDiscoverer d = discoverer("A", 80, (n, t) -> {
            if (n.startsWith("bad")) {
                throw new IOException("some error");
            }
            return ok;
        }, m, "bad.example.com.", "good.example.com.");
        assertThatThrownBy(d::refresh).isInstanceOfSatisfying(PartialRefreshException.class,
                e -> assertThat(e.refreshed()).containsExactly(new TargetGroup("good.example.com.",
                        List.of(target("192.0.2.2:80", "good.example.com.", Map.of())), Map.of())));
        assertThat(m.value("prometheus_sd_dns_lookups_total")).isEqualTo(2);
        assertThat(m.value("prometheus_sd_dns_lookup_failures_total")).isEqualTo(1);
    }

    @Test
    void serverThatNeverAnswersTimesOutAsAFailedLookup() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsResolver resolver = new DnsResolver(new DnsResolver.Settings(
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort())), List.of(),
                    1, Duration.ofMillis(200)));
            RecordingDiscoveryMetrics m = new RecordingDiscoveryMetrics();
            DnsDiscoverer d = discoverer("A", 80, resolver, m, "web.example.com.");
            assertThatThrownBy(d::refresh).isInstanceOfSatisfying(PartialRefreshException.class, e -> {
                assertThat(e.refreshed()).isEmpty();
                assertThat(e.getCause()).hasMessageContaining("could not resolve \"web.example.com.\"");
            });
            assertThat(m.value("prometheus_sd_dns_lookup_failures_total")).isEqualTo(1);
        }
    }

    record NameListCase(String name, int ndots, List<String> search, List<String> want) {
        @Override
        public String toString() {
            return name + " ndots=" + ndots;
        }
    }

    static Stream<NameListCase> nameLists() {
        return Stream.of(
                new NameListCase("web.example.com.", 1, List.of("corp."), List.of("web.example.com.")),
                new NameListCase("web", 1, List.of("corp.", "lan"), List.of("web.corp.", "web.lan.", "web.")),
                new NameListCase("web.example", 1, List.of("corp."), List.of("web.example.", "web.example.corp.")),
                new NameListCase("web.example", 2, List.of("corp."), List.of("web.example.corp.", "web.example.")),
                new NameListCase("web", 1, List.of(), List.of("web.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nameLists")
    void searchListAsMiekgDns(NameListCase c) {
        assertThat(DnsResolver.nameList(c.name(), c.search(), c.ndots())).isEqualTo(c.want());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ips")
    void ipTextAsGo(String in, String want) {
        assertThat(Addresses.ipString(ip(in))).isEqualTo(want);
    }

    static Stream<Arguments> ips() {
        return Stream.of(
                Arguments.of("192.0.2.1", "192.0.2.1"),
                Arguments.of("::1", "::1"),
                Arguments.of("fd00:0:0:0:0:0:0:1", "fd00::1"),
                Arguments.of("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
                Arguments.of("2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"),
                Arguments.of("2001:0:1:2:3:4:5:0", "2001:0:1:2:3:4:5:0"),
                Arguments.of("::", "::"));
    }
}
