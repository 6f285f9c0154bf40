package io.ignis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
