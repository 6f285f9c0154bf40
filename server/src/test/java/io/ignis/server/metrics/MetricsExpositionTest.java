package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsExpositionTest {
    private final ServerMetrics metrics = new ServerMetrics(
            new ServerMetrics.BuildLabels("1.2.3", "abc", "main", "java17", "linux", "amd64", ""));
    private final MetricsExposition exposition = new MetricsExposition(metrics.prometheusRegistry());

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void textFormatHasPrometheusOwnNames() {
        metrics.setReady(ReadyState.READY);
        metrics.configReloaded(true, 1_700_000_000_500L);
        MetricsExposition.Body body = exposition.render("text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        String text = new String(body.bytes(), StandardCharsets.UTF_8);

        assertThat(body.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text).contains(
                "# TYPE prometheus_build_info gauge\n",
                "prometheus_build_info{branch=\"main\",goarch=\"amd64\",goos=\"linux\",goversion=\"java17\","
                        + "revision=\"abc\",tags=\"\",version=\"1.2.3\"} 1",
                "# TYPE prometheus_ready gauge\nprometheus_ready 1",
                "prometheus_config_last_reload_successful 1",
                "prometheus_config_last_reload_success_timestamp_seconds 1.7000000005E9",
                "# TYPE process_cpu_seconds_total counter",
                "process_resident_memory_bytes ",
                "process_virtual_memory_bytes ",
                "process_start_time_seconds ",
                "process_open_fds ",
                "process_max_fds ",
                "jvm_memory_used_bytes{",
                "jvm_threads_live_threads ");
        assertThat(text).doesNotContain("# EOF");
    }

    @Test
    void failedReloadKeepsTheLastSuccessTimestamp() {
        metrics.configReloaded(true, 1_000_000L);
        metrics.configReloaded(false, 2_000_000L);
        String text = new String(exposition.render(null).bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("prometheus_config_last_reload_successful 0", 
                "prometheus_config_last_reload_success_timestamp_seconds 1000");
        assertThat(metrics.lastReloadSuccessful()).isFalse();
        assertThat(metrics.lastReloadSuccessSeconds()).isEqualTo(1000.0);
    }

    record Case(String name, String accept, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> acceptHeaders() {
        return Stream.of(
                new Case("no header", null, MetricsExposition.TEXT_004),
                new Case("anything", "*/*", MetricsExposition.TEXT_004),
                new Case("unknown type only", "application/json", MetricsExposition.TEXT_004),
                new Case("text", "text/plain;version=0.0.4", MetricsExposition.TEXT_004),
                new Case("openmetrics", "application/openmetrics-text", MetricsExposition.OPENMETRICS_100),
                new Case("Prometheus 3 default scrape",
                        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
                                + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1",
                        MetricsExposition.OPENMETRICS_100),
                new Case("protobuf first, as for native histograms",
                        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
                                + "q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,"
                                + "text/plain;version=0.0.4;q=0.2",
                        MetricsExposition.PROTOBUF),
                new Case("higher q wins over order", "text/plain;q=0.3,application/openmetrics-text;q=0.9",
                        MetricsExposition.OPENMETRICS_100),
                new Case("q=0 refuses a type", "application/openmetrics-text;q=0,text/plain",
                        MetricsExposition.TEXT_004));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptHeaders")
    void negotiatesLikePrometheusHandler(Case c) {
        assertThat(MetricsExposition.negotiate(c.accept())).isEqualTo(c.want());
    }

    @Test
    void protobufIsLengthDelimitedMetricFamilies() {
        MetricsExposition.Body body = exposition.render(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
        assertThat(body.contentType()).isEqualTo(MetricsExposition.PROTOBUF);
        byte[] b = body.bytes();
        // First message: a varint length, then field 1 (name, wire type 2) of the first family.
        int length = 0;
        int shift = 0;
        int i = 0;
        while ((b[i] & 0x80) != 0) {
            length |= (b[i++] & 0x7f) << shift;
            shift += 7;
        }
        length |= b[i++] << shift;
        assertThat(i + length).isLessThanOrEqualTo(b.length);
        assertThat(b[i]).isEqualTo((byte) 0x0a);
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).contains("prometheus_build_info", "process_open_fds");
    }

    @Test
    void openMetricsWhenAsked() {
        MetricsExposition.Body body = exposition.render(
                "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5");
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        assertThat(body.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(text).endsWith("# EOF\n");
        assertThat(text).contains("prometheus_ready 0", "prometheus_build_info{", "process_cpu_seconds_total ",
                "# TYPE process_cpu_seconds counter");
    }
}
