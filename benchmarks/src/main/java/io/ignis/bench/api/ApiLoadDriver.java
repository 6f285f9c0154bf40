package io.ignis.bench.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop of {@code clients} concurrent clients sending a Grafana-like mix of requests to one server's HTTP
 * API for {@code seconds}: dashboard panels (range queries over the last {@code window} seconds, step chosen as
 * Grafana does for a ~1000 px panel), single-stat instant queries, and the occasional label-values and series
 * lookup of template variables. Every answer must be 200 with {@code "status":"success"}; anything else counts as
 * an error. Prints one line: {@code requests errors seconds rps p50_ms p90_ms p99_ms max_ms}.
 *
 * <p>usage: {@code ApiLoadDriver <base-url> <clients> <seconds> <window-seconds> [seed]}
 */
public final class ApiLoadDriver {
    /** Grafana's default: one point per ~1000 px / 1 px, never below the scrape interval used by the script. */
    private static final int PANEL_POINTS = 1000;

    private final String base;
    private final long windowSeconds;
    private final HttpClient http;
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError = "";

    ApiLoadDriver(String base, long windowSeconds, HttpClient http) {
        this.base = base;
        this.windowSeconds = windowSeconds;
        this.http = http;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ApiLoadDriver <base-url> <clients> <seconds> <window-seconds> [seed]");
            System.exit(2);
        }
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ApiLoadDriver driver = new ApiLoadDriver(args[0], Long.parseLong(args[3]), http);
        driver.run(clients, seconds, seed);
        System.exit(0);
    }

    void run(int clients, long seconds, long seed) throws InterruptedException {
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                Random random = new Random(seed * 31 + id);
                long[] mine = new long[1024];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        send(next(random));
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } finally {
                    latencies[id] = mine;
                    counts[id] = n;
                    done.countDown();
                }
            }, "load-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        // Clients finish their request in flight; a server that hangs must not hang the benchmark.
        done.await(seconds + 120, java.util.concurrent.TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(latencies, counts, elapsed);
    }

    private void report(long[][] latencies, int[] counts, double elapsed) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            if (latencies[c] != null) {
                System.arraycopy(latencies[c], 0, all, k, counts[c]);
                k += counts[c];
            }
        }
        Arrays.sort(all, 0, k);
        System.out.printf("%d %d %.1f %.1f %.1f %.1f %.1f %.1f%n", k, errors.get(), elapsed, k / elapsed,
                percentileMs(all, k, 0.50), percentileMs(all, k, 0.90), percentileMs(all, k, 0.99),
                k == 0 ? 0 : all[k - 1] / 1e6);
        if (errors.get() > 0) {
            System.err.println("last error: " + lastError);
        }
    }

    private static double percentileMs(long[] sorted, int n, double p) {
        if (n == 0) {
            return 0;
        }
        return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e6;
    }

    /** One request of the mix: 60 % panels (range), 30 % stats (instant), 10 % template lookups. */
    private HttpRequest next(Random random) {
        long now = System.currentTimeMillis() / 1000;
        int shard = random.nextInt(SyntheticTarget.SHARDS);
        int pick = random.nextInt(100);
        if (pick < 60) {
            String[] panels = {
                "sum by (shard) (rate(load_requests_total[1m]))",
                "sum(rate(load_requests_total{code=\"500\"}[1m])) / sum(rate(load_requests_total[1m]))",
                "histogram_quantile(0.9, sum by (le) (rate(load_duration_seconds_bucket{shard=\"s" + shard
                        + "\"}[1m])))",
                "avg by (shard) (load_temperature)",
                "topk(5, sum by (instance_id) (rate(load_requests_total{shard=\"s" + shard + "\"}[1m])))",
                "max_over_time(load_temperature{shard=\"s" + shard + "\"}[2m])",
            };
            long step = Math.max(15, windowSeconds / PANEL_POINTS);
            return form("/api/v1/query_range", "query", panels[random.nextInt(panels.length)],
                    "start", Long.toString(now - windowSeconds), "end", Long.toString(now),
                    "step", Long.toString(step));
        }
        if (pick < 90) {
            String[] stats = {
                "sum(rate(load_requests_total[5m]))",
                "count(load_temperature)",
                "sum(load_requests_total{shard=\"s" + shard + "\"})",
                "quantile(0.99, load_temperature)",
                "up",
            };
            return form("/api/v1/query", "query", stats[random.nextInt(stats.length)], "time", Long.toString(now));
        }
        if (pick < 95) {
            return get("/api/v1/label/instance_id/values?match[]=" + encode("load_temperature{shard=\"s" + shard
                    + "\"}") + "&start=" + (now - windowSeconds) + "&end=" + now);
        }
        return get("/api/v1/series?match[]=" + encode("load_temperature{shard=\"s" + shard + "\"}") + "&start="
                + (now - 300) + "&end=" + now);
    }

    /** A POST with a form body, as Grafana sends queries. */
    private HttpRequest form(String path, String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(pairs[i] + "=" + encode(pairs[i + 1]));
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build();
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60)).build();
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().startsWith("{\"status\":\"success\"")) {
                errors.incrementAndGet();
                lastError = request.uri() + " -> " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(200, r.body().length()));
            }
        } catch (java.io.IOException e) {
            errors.incrementAndGet();
            lastError = request.uri() + " -> " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
