package io.ignis.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discoverer that polls a {@link Refresher} every refresh interval, as Prometheus's {@code discovery/refresh}.
 * A failed refresh sends nothing (the manager keeps the last groups), is counted and logged, and is retried
 * sooner: after the initial backoff, doubling up to the refresh interval, until a refresh succeeds.
 */
public final class RefreshDiscoverer implements Discoverer {
    /** First retry delay after a failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RefreshDiscoverer.class);

    private final String mechanism;
    private final String setName;
    private final long intervalNanos;
    private final long initialBackoffNanos;
    private final Refresher refresher;
    private final DiscoveryMetrics metrics;
    private final ScheduledExecutorService executor;
    private Consumer<List<TargetGroup>> sink;
    private long backoffNanos;
    private volatile boolean closed;

    public RefreshDiscoverer(String mechanism, String setName, Duration interval, Duration initialBackoff,
            Refresher refresher, DiscoveryMetrics metrics) {
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
        this.setName = Objects.requireNonNull(setName, "setName");
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.initialBackoffNanos = Math.max(1, Math.min(initialBackoff.toNanos(), intervalNanos));
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sd-" + mechanism + "-" + setName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        executor.execute(this::poll);
    }

    private void poll() {
        if (closed) {
            return;
        }
        long start = System.nanoTime();
        long next;
        try {
            List<TargetGroup> groups = refresher.refresh();
            metrics.refreshDuration(mechanism, setName, System.nanoTime() - start);
            send(groups);
            backoffNanos = 0;
            next = intervalNanos;
        } catch (PartialRefreshException e) {
            metrics.refreshDuration(mechanism, setName, System.nanoTime() - start);
            if (!e.refreshed().isEmpty()) {
                send(e.refreshed()); // an empty push would only make the manager resend unchanged groups
            }
            next = failed(e);
        } catch (Exception e) {
            metrics.refreshDuration(mechanism, setName, System.nanoTime() - start);
            next = failed(e);
        }
        if (!closed) {
            executor.schedule(this::poll, next, TimeUnit.NANOSECONDS);
        }
    }

    private void send(List<TargetGroup> groups) {
        if (!closed) {
            sink.accept(groups);
        }
    }

    private long failed(Exception e) {
        metrics.refreshFailure(mechanism, setName);
        backoffNanos = backoffNanos == 0 ? initialBackoffNanos : Math.min(backoffNanos * 2, intervalNanos);
        if (!closed) {
            LOG.error("unable to refresh target groups mechanism={} config={} retry_in={}ms err=\"{}\"", mechanism,
                    setName, TimeUnit.NANOSECONDS.toMillis(backoffNanos), e.getMessage(), e);
        }
        return backoffNanos;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
