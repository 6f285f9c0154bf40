package io.ignis.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's meter registry and the meters the lifecycle owns. One instance per server, passed to whoever
 * registers meters (no global registry), so two servers can live in one test JVM.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<ReadyState> ready = new AtomicReference<>(ReadyState.NOT_READY);
    // Doubles as raw bits so a reader never sees a half-written value.
    private final AtomicLong reloadSuccessful = new AtomicLong(Double.doubleToRawLongBits(0));
    private final AtomicLong reloadSuccessSeconds = new AtomicLong(Double.doubleToRawLongBits(0));
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    // Held here because Micrometer gauges keep only a weak reference to the object they read.
    private final ProcessMetrics processMetrics = new ProcessMetrics();

    /** Labels of {@code prometheus_build_info}, as Prometheus sets them. */
    public record BuildLabels(String version, String revision, String branch, String goversion, String goos,
                              String goarch, String tags) {
    }

    public ServerMetrics(BuildLabels build) {
        Gauge.builder("prometheus.build.info", () -> 1)
                .description("A metric with a constant '1' value labeled by version, revision, branch, goversion "
                        + "from which prometheus was built, and the goos and goarch for the build.")
                .tags(Tags.of("version", build.version(), "revision", build.revision(), "branch", build.branch(),
                        "goversion", build.goversion(), "goos", build.goos(), "goarch", build.goarch(),
                        "tags", build.tags()))
                .register(registry);
        Gauge.builder("prometheus.ready", ready, r -> r.get() == ReadyState.READY ? 1 : 0)
                .description("Whether Prometheus startup was fully completed and the server is ready for normal "
                        + "operation.")
                .register(registry);
        Gauge.builder("prometheus.config.last.reload.successful", reloadSuccessful, ServerMetrics::asDouble)
                .description("Whether the last configuration reload attempt was successful.").register(registry);
        Gauge.builder("prometheus.config.last.reload.success.timestamp.seconds", reloadSuccessSeconds,
                        ServerMetrics::asDouble)
                .description("Timestamp of the last successful configuration reload.").register(registry);
        processMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
    }

    /** Where other components register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    public PrometheusMeterRegistry prometheusRegistry() {
        return registry;
    }

    public void setReady(ReadyState state) {
        ready.set(state);
    }

    public ReadyState readyState() {
        return ready.get();
    }

    /** Records a reload attempt: success sets the timestamp, any attempt sets the success gauge. */
    public void configReloaded(boolean success, long epochMillis) {
        if (success) {
            reloadSuccessSeconds.set(Double.doubleToRawLongBits(epochMillis / 1000.0));
        }
        reloadSuccessful.set(Double.doubleToRawLongBits(success ? 1 : 0));
    }

    public boolean lastReloadSuccessful() {
        return asDouble(reloadSuccessful) == 1;
    }

    /** Seconds since the epoch of the last successful reload, 0 if none. */
    public double lastReloadSuccessSeconds() {
        return asDouble(reloadSuccessSeconds);
    }

    private static double asDouble(AtomicLong bits) {
        return Double.longBitsToDouble(bits.get());
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
