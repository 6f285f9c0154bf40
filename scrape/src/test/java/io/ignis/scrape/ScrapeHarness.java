package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.config.GlobalConfig;
import io.ignis.config.ScrapeConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.scrape.client.ClientEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/** A manager over a recording storage, with two event loop threads and two scheduler threads. */
final class ScrapeHarness implements AutoCloseable {
    final RecordingAppendable storage = new RecordingAppendable();
    final ScrapeMetrics metrics = new ScrapeMetrics();
    final ClientEventLoop eventLoop = new ClientEventLoop(2);
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final ScrapeManager manager = new ScrapeManager(storage, eventLoop, scheduler, metrics,
            ScrapeManager.Options.defaults("testhost"));

    private static volatile boolean warm;

    ScrapeHarness() {
        warmUp(eventLoop);
    }

    /**
     * One request through the client before any test measures timeouts: the first request of a JVM loads Netty,
     * TLS and gzip classes, which takes seconds on a busy machine.
     */
    static void warmUp(ClientEventLoop eventLoop) {
        if (warm) {
            return;
        }
        try (TestExporter e = TestExporter.http()) {
            e.on("/metrics", TestExporter.gzipText("warm 1\n"));
            java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
            new io.ignis.scrape.client.ScrapeClient(eventLoop, io.ignis.config.HttpClientConfig.DEFAULT)
                    .get("http://" + e.address() + "/metrics", Map.of(), 30_000_000_000L, 0, true,
                            new io.ignis.scrape.client.ResponseBuffer(64), done::complete);
            done.get(30, java.util.concurrent.TimeUnit.SECONDS);
            warm = true;
        } catch (Exception e) {
            throw new AssertionError("warm-up request failed", e);
        }
    }

    void apply(ScrapeConfig... configs) {
        manager.applyConfig(GlobalConfig.DEFAULT, List.of(configs));
    }

    /** Sends one static group per job with the given addresses. */
    void targets(Map<String, List<String>> addressesByJob) {
        Map<String, List<TargetGroup>> groups = new java.util.HashMap<>();
        addressesByJob.forEach((job, addrs) -> {
            List<Map<String, String>> ts = new ArrayList<>();
            for (String a : addrs) {
                ts.add(Map.of("__address__", a));
            }
            groups.put(job, List.of(new TargetGroup("static/0", ts, Map.of())));
        });
        manager.applyTargets(groups);
    }

    static void await(String what, Duration max, BooleanSupplier cond) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(5); // polling interval of the deadline loop, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    TargetStatus status(String address) {
        for (TargetStatus s : manager.targets().active()) {
            if (s.labels().get("instance").equals(address)) {
                return s;
            }
        }
        return null;
    }

    /** Waits until the target has been scraped at least {@code n} times and returns its status. */
    TargetStatus awaitScrapes(String address, int n) {
        await(n + " scrapes of " + address, Duration.ofSeconds(10),
                () -> storage.samples("up", "instance", address).size() >= n);
        return status(address);
    }

    static TestScrapeConfig fast(String job) {
        return new TestScrapeConfig(job).interval(Duration.ofMillis(1000), Duration.ofMillis(900));
    }

    @Override
    public void close() {
        manager.close();
        scheduler.shutdownNow();
        eventLoop.close();
    }
}
