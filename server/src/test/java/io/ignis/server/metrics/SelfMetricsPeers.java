package io.ignis.server.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a server with self-metrics to show talks to, on loopback: a fake Alertmanager that takes every alert POST
 * ({@code /api/v2/alerts}, 200) and a fake remote-write receiver ({@code /write}, 204), plus the configuration
 * files (a scrape job scraping the server itself, one recording and one alerting rule, both peers) that Ignis and
 * Prometheus are started with.
 */
final class SelfMetricsPeers implements AutoCloseable {
    private final HttpServer http;
    final AtomicInteger alertPosts = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    SelfMetricsPeers() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/api/v2/alerts", ex -> {
            drain(ex.getRequestBody());
            alertPosts.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.createContext("/write", ex -> {
            drain(ex.getRequestBody());
            writes.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
    }

    private static void drain(InputStream in) throws IOException {
        in.readAllBytes();
        in.close();
    }

    String address() {
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    String alertmanagerUrl() {
        return "http://" + address() + "/api/v2/alerts";
    }

    String writeUrl() {
        return "http://" + address() + "/write";
    }

    /** A port free now, for a server whose own address must be in its configuration before it starts. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes {@code rules.yml} and {@code prometheus.yml} into {@code dir}: job {@code self} scrapes
     * {@code selfPort} every second, group {@code g1} records and alerts every second, alerts go to the fake
     * Alertmanager and samples to the fake receiver as {@code rw1}. Returns the configuration file.
     */
    Path writeConfig(Path dir, int selfPort) throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups:
                  - name: g1
                    interval: 1s
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: AlwaysFiring
                        expr: vector(1)
                """);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [%s]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['%s']
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                remote_write:
                  - url: %s
                    name: rw1
                """.formatted(rules, address(), selfPort, writeUrl()));
        return config;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
