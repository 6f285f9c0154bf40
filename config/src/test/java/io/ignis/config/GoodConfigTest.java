package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our own good configs, covering what Prometheus's examples and conf.good.yml cover for the supported SDs. */
class GoodConfigTest {
    private static final Map<String, String> ENV = Map.of("IGNIS_TEST_REGION", "eu-west", "IGNIS_TEST_CLUSTER", "c1");

    static PrometheusConfig load(String name) throws IOException {
        String yaml = BadConfigTest.resource("good/" + name);
        return ConfigLoader.load(yaml, "/etc/ignis/" + name, Path.of("/etc/ignis/" + name), ENV::get);
    }

    @Test
    void minimalFillsEveryDefault() throws IOException {
        PrometheusConfig c = load("minimal.yml");

        GlobalConfig g = c.global();
        assertThat(g.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(g.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(g.evaluationInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(g.ruleQueryOffset()).isZero();
        assertThat(g.scrapeProtocols()).isEmpty();
        assertThat(g.externalLabels()).isEmpty();
        assertThat(g.metricNameValidationScheme()).isEqualTo("utf8");
        assertThat(g.metricNameEscapingScheme()).isEqualTo("allow-utf-8");
        assertThat(g.bodySizeLimit()).isEqualTo(ByteSize.ZERO);
        assertThat(c.runtime().gogc()).isEqualTo(75);
        assertThat(c.ruleFiles()).isEmpty();
        assertThat(c.sourceFile()).isEqualTo(Path.of("/etc/ignis/minimal.yml"));

        AlertmanagerConfig am = c.alerting().alertmanagers().get(0);
        assertThat(am.scheme()).isEqualTo("http");
        assertThat(am.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(am.apiVersion()).isEqualTo("v2");
        assertThat(am.pathPrefix()).isEmpty();
        assertThat(am.serviceDiscoveryConfigs().staticConfigs().get(0).targets()).isEmpty();

        assertThat(c.scrapeConfigs()).hasSize(1);
        ScrapeConfig s = c.scrapeConfigs().get(0);
        assertThat(s.jobName()).isEqualTo("self");
        assertThat(s.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.metricsPath()).isEqualTo("/metrics");
        assertThat(s.scheme()).isEqualTo("http");
        assertThat(s.honorLabels()).isFalse();
        assertThat(s.honorTimestamps()).isTrue();
        assertThat(s.trackTimestampsStaleness()).isFalse();
        assertThat(s.enableCompression()).isTrue();
        assertThat(s.scrapeProtocols()).isEqualTo(ScrapeProtocols.DEFAULT);
        assertThat(s.fallbackScrapeProtocol()).isEmpty();
        assertThat(s.scrapeNativeHistograms()).isFalse();
        assertThat(s.sampleLimit()).isZero();
        assertThat(s.metricNameValidationScheme()).isEqualTo("utf8");
        assertThat(s.metricNameEscapingScheme()).isEqualTo("allow-utf-8");
        assertThat(s.httpClientConfig()).isEqualTo(HttpClientConfig.DEFAULT);
        assertThat(s.serviceDiscoveryConfigs().staticConfigs()).containsExactly(
                new StaticConfig(List.of("localhost:9090"), Map.of("app", "ignis")));
        assertThat(s.relabelConfigs()).isEmpty();

        assertThat(c.storage()).isEqualTo(StorageConfig.DEFAULT);
        assertThat(c.storage().exemplars().maxExemplars()).isEqualTo(100_000);
        assertThat(c.tracing().isEnabled()).isFalse();
        assertThat(c.otlp()).isEqualTo(OtlpConfig.DEFAULT);
        assertThat(c.remoteWriteConfigs()).isEmpty();
        assertThat(c.remoteReadConfigs()).isEmpty();
    }

    @Test
    void emptyFileIsTheDefaultConfig() {
        PrometheusConfig c = ConfigLoader.load("# nothing here\n", "empty.yml");

        assertThat(c.global()).isEqualTo(GlobalConfig.DEFAULT);
        assertThat(c.global().scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.global().evaluationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.alerting()).isEqualTo(AlertingConfig.EMPTY);
        assertThat(c.scrapeConfigs()).isEmpty();
    }

    @Test
    void scrapeTimeoutDefaultsToTheSmallerOfGlobalTimeoutAndInterval() {
        PrometheusConfig c = ConfigLoader.load("global:\n  scrape_interval: 5s\nscrape_configs:\n"
                + "  - job_name: a\n  - job_name: b\n    scrape_interval: 2s\n  - job_name: c\n"
                + "    scrape_interval: 1m\n", "t.yml");

        assertThat(c.global().scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.scrapeConfigs()).extracting(ScrapeConfig::scrapeTimeout)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void kubernetesRoles() throws IOException {
        PrometheusConfig c = load("kubernetes.yml");

        assertThat(c.scrapeConfigs()).extracting(ScrapeConfig::jobName).containsExactly("kubernetes-apiservers",
                "kubernetes-nodes", "kubernetes-cadvisor", "kubernetes-service-endpoints", "kubernetes-pods",
                "kubernetes-ingresses", "kubernetes-endpointslices");
        ScrapeConfig api = c.scrapeConfigs().get(0);
        assertThat(api.scheme()).isEqualTo("https");
        assertThat(api.httpClientConfig().tlsConfig().caFile())
                .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
        assertThat(api.httpClientConfig().authorization()).isEqualTo(new Authorization("Bearer", new Secret(""),
                "/var/run/secrets/kubernetes.io/serviceaccount/token"));
        KubernetesSdConfig sd = api.serviceDiscoveryConfigs().kubernetesSdConfigs().get(0);
        assertThat(sd.role()).isEqualTo("endpoints");
        assertThat(sd.apiServer()).isEmpty();
        assertThat(sd.kubeconfigFile()).isEmpty();
        assertThat(sd.httpClientConfig()).isEqualTo(HttpClientConfig.DEFAULT);
        assertThat(sd.namespaces()).isEqualTo(new KubernetesSdConfig.Namespaces(false, List.of()));
        assertThat(sd.attachMetadata()).isEqualTo(new KubernetesSdConfig.AttachMetadata(false, false, false, false,
                false));
        RelabelConfig keep = api.relabelConfigs().get(0);
        assertThat(keep.action()).isEqualTo(RelabelAction.KEEP);
        assertThat(keep.sourceLabels()).containsExactly("__meta_kubernetes_namespace",
                "__meta_kubernetes_service_name", "__meta_kubernetes_endpoint_port_name");
        assertThat(keep.regex().pattern().matcher("default;kubernetes;https").matches()).isTrue();
        assertThat(keep.regex().pattern().matcher("xdefault;kubernetes;https").matches()).isFalse();

        ScrapeConfig cadvisor = c.scrapeConfigs().get(2);
        assertThat(cadvisor.metricsPath()).isEqualTo("/metrics/cadvisor");
        assertThat(cadvisor.relabelConfigs().get(0).action()).isEqualTo(RelabelAction.LABELMAP);
        assertThat(cadvisor.relabelConfigs().get(0).replacement()).isEqualTo("$1");

        KubernetesSdConfig endpoints = c.scrapeConfigs().get(3).serviceDiscoveryConfigs().kubernetesSdConfigs()
                .get(0);
        assertThat(endpoints.namespaces().names()).containsExactly("default", "monitoring");
        assertThat(endpoints.selectors()).containsExactly(
                new KubernetesSdConfig.Selector("service", "scrape=true", ""),
                new KubernetesSdConfig.Selector("pod", "", "status.phase=Running"));
        assertThat(endpoints.attachMetadata().node()).isTrue();
        RelabelConfig address = c.scrapeConfigs().get(3).relabelConfigs().get(2);
        assertThat(address.targetLabel()).isEqualTo("__address__");
        assertThat(address.replacement()).isEqualTo("$1:$2");
        assertThat(address.separator()).isEqualTo(";");

        assertThat(c.scrapeConfigs().get(4).serviceDiscoveryConfigs().kubernetesSdConfigs().get(0).namespaces()
                .ownNamespace()).isTrue();

        ScrapeConfig ingresses = c.scrapeConfigs().get(5);
        assertThat(ingresses.params()).isEqualTo(Map.of("module", List.of("http_2xx")));
        KubernetesSdConfig ingress = ingresses.serviceDiscoveryConfigs().kubernetesSdConfigs().get(0);
        assertThat(ingress.apiServer()).isEqualTo("https://k8s.example.org:6443");
        assertThat(ingress.httpClientConfig().basicAuth()).isEqualTo(new BasicAuth("viewer", "", new Secret(""),
                "/etc/ignis/k8s-password"));
        assertThat(ingresses.relabelConfigs().get(1).sourceLabels()).isEmpty();
        assertThat(ingresses.relabelConfigs().get(1).replacement()).isEqualTo("blackbox-exporter.example.org:9115");

        assertThat(c.scrapeConfigs().get(6).serviceDiscoveryConfigs().kubernetesSdConfigs().get(0).kubeconfigFile())
                .isEqualTo("/etc/ignis/kubeconfig.yml");
    }

    @Test
    void ec2() throws IOException {
        PrometheusConfig c = load("ec2.yml");

        ScrapeConfig s = c.scrapeConfigs().get(0);
        assertThat(s.scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
        Ec2SdConfig first = s.serviceDiscoveryConfigs().ec2SdConfigs().get(0);
        assertThat(first.region()).isEqualTo("eu-west-1");
        assertThat(first.accessKey()).isEqualTo("AKIAEXAMPLE");
        assertThat(first.secretKey().value()).isEqualTo("very-secret-key");
        assertThat(first.port()).isEqualTo(9100);
        assertThat(first.refreshInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(first.endpoint()).isEmpty();
        assertThat(first.filters()).containsExactly(
                new Ec2Filter("tag:Environment", List.of("production", "staging")),
                new Ec2Filter("instance-state-name", List.of("running")));
        assertThat(first.httpClientConfig()).isEqualTo(HttpClientConfig.DEFAULT);
        Ec2SdConfig second = s.serviceDiscoveryConfigs().ec2SdConfigs().get(1);
        assertThat(second.port()).isEqualTo(Ec2SdConfig.DEFAULT_PORT);
        assertThat(second.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(second.profile()).isEqualTo("monitoring");
        assertThat(second.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/monitoring");
        assertThat(second.endpoint()).isEqualTo("http://localhost:4566");
        assertThat(second.secretKey().isEmpty()).isTrue();
        assertThat(s.relabelConfigs().get(2).replacement()).isEqualTo("${1}:9100");
    }

    @Test
    void dns() throws IOException {
        PrometheusConfig c = load("dns.yml");

        DnsSdConfig srv = c.scrapeConfigs().get(0).serviceDiscoveryConfigs().dnsSdConfigs().get(0);
        assertThat(srv).isEqualTo(new DnsSdConfig(List.of("_prometheus._tcp.example.org"), Duration.ofSeconds(30),
                "SRV", 0));
        ScrapeConfig a = c.scrapeConfigs().get(1);
        assertThat(a.honorLabels()).isTrue();
        assertThat(a.metricsPath()).isEqualTo("/federate");
        assertThat(a.serviceDiscoveryConfigs().dnsSdConfigs()).containsExactly(
                new DnsSdConfig(List.of("node1.example.org", "node2.example.org"), Duration.ofSeconds(15), "A", 9100),
                new DnsSdConfig(List.of("mail.example.org"), Duration.ofSeconds(30), "MX", 9101));
    }

    @Test
    void fullGlobalRuntimeAndRuleFiles() throws IOException {
        PrometheusConfig c = load("full.yml");

        GlobalConfig g = c.global();
        assertThat(g.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(g.evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.ruleQueryOffset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(g.queryLogFile()).isEqualTo("/etc/ignis/query.log");
        assertThat(g.scrapeFailureLogFile()).isEqualTo("/etc/ignis/failures.log");
        assertThat(g.bodySizeLimit()).isEqualTo(new ByteSize(15L << 20));
        assertThat(g.sampleLimit()).isEqualTo(1500);
        assertThat(g.targetLimit()).isEqualTo(35);
        assertThat(g.labelLimit()).isEqualTo(30);
        assertThat(g.labelNameLengthLimit()).isEqualTo(200);
        assertThat(g.labelValueLengthLimit()).isEqualTo(200);
        assertThat(g.keepDroppedTargets()).isEqualTo(100);
        assertThat(g.scrapeProtocols()).containsExactly("PrometheusText0.0.4", "OpenMetricsText1.0.0");
        assertThat(g.externalLabels()).containsExactly(Map.entry("cluster", "c-c1"), Map.entry("foo", "bar"),
                Map.entry("monitor", "ignis-test"), Map.entry("price", "$5"), Map.entry("region", "eu-west"),
                Map.entry("unset", ""));
        assertThat(c.runtime().gogc()).isEqualTo(42);
        assertThat(c.ruleFiles()).containsExactly("/etc/ignis/first.rules", "/etc/ignis/my/*.rules");
    }

    @Test
    void fullScrapeConfigs() throws IOException {
        PrometheusConfig c = load("full.yml");

        ScrapeConfig p = c.scrapeConfigs().get(0);
        assertThat(p.honorLabels()).isTrue();
        assertThat(p.scrapeProtocols()).containsExactly("PrometheusText0.0.4", "OpenMetricsText1.0.0");
        assertThat(p.fallbackScrapeProtocol()).isEqualTo("PrometheusText0.0.4");
        assertThat(p.bodySizeLimit()).isEqualTo(new ByteSize(15L << 20));
        assertThat(p.sampleLimit()).isEqualTo(1500);
        assertThat(p.keepDroppedTargets()).isEqualTo(100);
        assertThat(p.scrapeFailureLogFile()).isEqualTo("/etc/ignis/failures.log");
        assertThat(p.httpClientConfig().authorization().credentialsFile()).isEqualTo("/etc/ignis/token.txt");
        assertThat(p.serviceDiscoveryConfigs().fileSdConfigs()).containsExactly(
                new FileSdConfig(List.of("/etc/ignis/foo/*.slow.json", "/etc/ignis/foo/*.slow.yml",
                        "/etc/ignis/single/file.yml"), Duration.ofMinutes(10)),
                new FileSdConfig(List.of("/etc/ignis/bar/*.yaml"), Duration.ofMinutes(5)));
        assertThat(p.serviceDiscoveryConfigs().staticConfigs()).containsExactly(new StaticConfig(
                List.of("localhost:9090", "localhost:9191"), Map.of("my", "label", "your", "label")));
        assertThat(p.relabelConfigs()).containsExactly(
                new RelabelConfig(List.of("job", "__meta_dns_name"), ";", RelabelRegex.compile("(.*)-suffix-[ab]"), 0,
                        "job", "job-${1}", RelabelAction.REPLACE),
                new RelabelConfig(List.of("abc"), ";", RelabelRegex.DEFAULT, 0, "cde", "$1", RelabelAction.REPLACE),
                new RelabelConfig(List.of(), ";", RelabelRegex.DEFAULT, 0, "abc", "static", RelabelAction.REPLACE),
                new RelabelConfig(List.of(), ";", RelabelRegex.compile(""), 0, "abc", "static", RelabelAction.REPLACE),
                new RelabelConfig(List.of("foo"), ";", RelabelRegex.DEFAULT, 0, "abc", "$1", RelabelAction.KEEPEQUAL),
                new RelabelConfig(List.of("foo"), ";", RelabelRegex.DEFAULT, 0, "abc", "$1", RelabelAction.DROPEQUAL));

        ScrapeConfig x = c.scrapeConfigs().get(1);
        assertThat(x.httpClientConfig().basicAuth()).isEqualTo(new BasicAuth("scraper", "",
                new Secret("line1\\nline2\\nhidden3"), ""));
        assertThat(x.scrapeInterval()).isEqualTo(Duration.ofSeconds(50));
        assertThat(x.scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(x.scrapeProtocols()).containsExactly("PrometheusProto");
        assertThat(x.bodySizeLimit()).isEqualTo(new ByteSize(10L << 20));
        assertThat(x.sampleLimit()).isEqualTo(1000);
        assertThat(x.labelLimit()).isEqualTo(35);
        assertThat(x.labelNameLengthLimit()).isEqualTo(210);
        assertThat(x.metricsPath()).isEqualTo("/my_path");
        assertThat(x.scheme()).isEqualTo("https");
        assertThat(x.enableCompression()).isFalse();
        assertThat(x.honorTimestamps()).isFalse();
        assertThat(x.trackTimestampsStaleness()).isTrue();
        assertThat(x.scrapeNativeHistograms()).isTrue();
        assertThat(x.alwaysScrapeClassicHistograms()).isTrue();
        assertThat(x.convertClassicHistogramsToNhcb()).isTrue();
        assertThat(x.nativeHistogramBucketLimit()).isEqualTo(160);
        assertThat(x.nativeHistogramMinBucketFactor()).isEqualTo(1.1);
        assertThat(x.metricNameValidationScheme()).isEqualTo("legacy");
        assertThat(x.metricNameEscapingScheme()).isEqualTo("underscores");
        assertThat(x.serviceDiscoveryConfigs().dnsSdConfigs()).containsExactly(
                new DnsSdConfig(List.of("a.dns.example.org", "b.dns.example.org"),
                        Duration.ofSeconds(15), "SRV", 0),
                new DnsSdConfig(List.of("a.dns.example.org"), Duration.ofSeconds(30), "SRV", 0));
        assertThat(x.relabelConfigs()).extracting(RelabelConfig::action).containsExactly(RelabelAction.DROP,
                RelabelAction.HASHMOD, RelabelAction.KEEP, RelabelAction.LABELMAP, RelabelAction.LABELDROP,
                RelabelAction.LABELKEEP, RelabelAction.LOWERCASE, RelabelAction.UPPERCASE);
        assertThat(x.relabelConfigs().get(1).modulus()).isEqualTo(8);
        assertThat(x.relabelConfigs().get(1).targetLabel()).isEqualTo("__tmp_hash");
        assertThat(x.metricRelabelConfigs().get(0).regex().source()).isEqualTo("costly_metric.*");

        ScrapeConfig y = c.scrapeConfigs().get(2);
        HttpClientConfig h = y.httpClientConfig();
        assertThat(h.proxyUrl()).isEqualTo("http://proxy.example.org:3128");
        assertThat(h.noProxy()).isEqualTo("localhost,127.0.0.0/8");
        assertThat(h.proxyConnectHeader()).isEqualTo(Map.of("Proxy-Authorization",
                List.of(new Secret("token1"), new Secret("token2"))));
        assertThat(h.followRedirects()).isFalse();
        assertThat(h.enableHttp2()).isFalse();
        assertThat(h.httpHeaders()).isEqualTo(Map.of("X-Scope-OrgID", new HttpHeader(List.of("tenant-a"),
                List.of(new Secret("hidden")), List.of("/etc/ignis/header.txt"))));
        assertThat(h.tlsConfig()).isEqualTo(new TlsConfig("", "/etc/ignis/ca.pem", "", "", new Secret(""), "",
                "node.internal", false, "TLS12", "TLS13"));

        ScrapeConfig z = c.scrapeConfigs().get(3);
        assertThat(z.httpClientConfig().authorization()).isEqualTo(new Authorization("Bearer",
                new Secret("tok-123"), ""));
        assertThat(z.httpClientConfig().tlsConfig().cert()).startsWith("-----BEGIN CERTIFICATE-----\ninline\n");
        assertThat(z.httpClientConfig().tlsConfig().key().value()).contains("PRIVATE KEY");
    }

    @Test
    void fullRemoteAlertingStorageTracingOtlp() throws IOException {
        PrometheusConfig c = load("full.yml");

        RemoteWriteConfig w = c.remoteWriteConfigs().get(0);
        assertThat(w.url()).isEqualTo("http://rw1.example.org/push");
        assertThat(w.name()).isEqualTo("drop_costly");
        assertThat(w.remoteTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(w.headers()).isEqualTo(Map.of("name", "value"));
        assertThat(w.writeRelabelConfigs().get(0).action()).isEqualTo(RelabelAction.DROP);
        assertThat(w.httpClientConfig().basicAuth().password().value()).isEqualTo("p4ss");
        assertThat(w.httpClientConfig().enableHttp2()).isFalse();
        assertThat(w.httpClientConfig().followRedirects()).isTrue();
        assertThat(w.protobufMessage()).isEqualTo(RemoteWriteConfig.MESSAGE_V1);
        assertThat(w.queueConfig()).isEqualTo(new QueueConfig(5000, 20, 2, 500, Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(10), true, Duration.ofHours(1)));
        assertThat(w.metadataConfig()).isEqualTo(new MetadataConfig(false, Duration.ofMinutes(2), 100));
        RemoteWriteConfig w2 = c.remoteWriteConfigs().get(1);
        assertThat(w2.remoteTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(w2.protobufMessage()).isEqualTo(RemoteWriteConfig.MESSAGE_V2);
        assertThat(w2.sendExemplars()).isTrue();
        assertThat(w2.sendNativeHistograms()).isTrue();
        assertThat(w2.queueConfig()).isEqualTo(QueueConfig.DEFAULT);
        assertThat(w2.metadataConfig()).isEqualTo(MetadataConfig.DEFAULT);
        assertThat(w2.httpClientConfig().tlsConfig().certFile()).isEqualTo("/etc/ignis/client.crt");

        RemoteReadConfig r = c.remoteReadConfigs().get(0);
        assertThat(r.remoteTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.readRecent()).isTrue();
        assertThat(r.filterExternalLabels()).isFalse();
        assertThat(r.chunkedReadLimit()).isEqualTo(50_000_000L);
        RemoteReadConfig r2 = c.remoteReadConfigs().get(1);
        assertThat(r2.requiredMatchers()).isEqualTo(Map.of("job", "special"));
        assertThat(r2.filterExternalLabels()).isTrue();
        assertThat(r2.httpClientConfig().enableHttp2()).isTrue();

        AlertingConfig a = c.alerting();
        assertThat(a.alertRelabelConfigs().get(0).action()).isEqualTo(RelabelAction.UPPERCASE);
        AlertmanagerConfig am = a.alertmanagers().get(0);
        assertThat(am.scheme()).isEqualTo("https");
        assertThat(am.pathPrefix()).isEqualTo("/am");
        assertThat(am.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(am.serviceDiscoveryConfigs().staticConfigs().get(0).targets())
                .containsExactly("1.2.3.4:9093", "1.2.3.5:9093");
        assertThat(am.serviceDiscoveryConfigs().fileSdConfigs().get(0).files()).containsExactly("/etc/ignis/am/*.json");
        assertThat(am.relabelConfigs().get(0).regex().pattern().matcher("1.2.3.4:9093").matches()).isTrue();
        assertThat(am.alertRelabelConfigs().get(0).action()).isEqualTo(RelabelAction.LABELDROP);

        assertThat(c.storage().tsdb()).isEqualTo(new StorageConfig.Tsdb(Duration.ofMinutes(30), 0, "",
                new StorageConfig.Retention(Duration.ofDays(15), new ByteSize(512L << 20), 80)));
        assertThat(c.storage().exemplars().maxExemplars()).isEqualTo(100_000);

        TracingConfig t = c.tracing();
        assertThat(t.isEnabled()).isTrue();
        assertThat(t.clientType()).isEqualTo("http");
        assertThat(t.endpoint()).isEqualTo("localhost:4317");
        assertThat(t.compression()).isEqualTo("gzip");
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.samplingFraction()).isEqualTo(0.5);
        assertThat(t.tlsConfig().insecureSkipVerify()).isTrue();

        OtlpConfig o = c.otlp();
        assertThat(o.promoteResourceAttributes()).containsExactly("k8s.cluster.name", "k8s.job.name",
                "k8s.namespace.name");
        assertThat(o.translationStrategy()).isEqualTo("NoUTF8EscapingWithSuffixes");
        assertThat(o.keepIdentifyingResourceAttributes()).isTrue();
        assertThat(o.convertHistogramsToNhcb()).isTrue();
        assertThat(o.labelNameUnderscoreSanitization()).isTrue();
    }

    @Test
    void nativeHistogramsPreferProtobufUnlessGlobalProtocolsAreSet() {
        PrometheusConfig c = ConfigLoader.load("global:\n  scrape_native_histograms: true\nscrape_configs:\n"
                + "  - job_name: a\n  - job_name: b\n    scrape_native_histograms: false\n", "t.yml");

        assertThat(c.scrapeConfigs().get(0).scrapeNativeHistograms()).isTrue();
        assertThat(c.scrapeConfigs().get(0).scrapeProtocols()).isEqualTo(ScrapeProtocols.DEFAULT_PROTO_FIRST);
        assertThat(c.scrapeConfigs().get(1).scrapeProtocols()).isEqualTo(ScrapeProtocols.DEFAULT);
    }

    @Test
    void legacyGlobalValidationEscapesWithUnderscores() {
        PrometheusConfig c = ConfigLoader.load("global:\n  metric_name_validation_scheme: legacy\nscrape_configs:\n"
                + "  - job_name: a\n  - job_name: b\n    metric_name_validation_scheme: utf8\n", "t.yml");

        assertThat(c.global().metricNameEscapingScheme()).isEqualTo("underscores");
        assertThat(c.scrapeConfigs().get(0).metricNameValidationScheme()).isEqualTo("legacy");
        assertThat(c.scrapeConfigs().get(0).metricNameEscapingScheme()).isEqualTo("underscores");
        assertThat(c.scrapeConfigs().get(1).metricNameEscapingScheme()).isEqualTo("allow-utf-8");
    }

    @Test
    void anchorsAliasesAndMergeKeys() {
        PrometheusConfig merged = ConfigLoader.load("""
                scrape_configs:
                  - &a
                    job_name: a
                    scrape_interval: 30s
                    metrics_path: /m
                  - <<: *a
                    job_name: b
                    metrics_path: /own
                """, "t.yml");
        assertThat(merged.scrapeConfigs().get(1).jobName()).isEqualTo("b");
        assertThat(merged.scrapeConfigs().get(1).scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(merged.scrapeConfigs().get(1).metricsPath()).isEqualTo("/own");
    }
}
