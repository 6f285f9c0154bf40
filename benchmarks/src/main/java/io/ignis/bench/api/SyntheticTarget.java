package io.ignis.bench.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A node-exporter-like scrape target on 127.0.0.1 exposing about {@code series} series in text format 0.0.4, in
 * units of eleven: two request counters (code 200 and 500), a temperature gauge and a five-bucket latency histogram
 * (eight series), labelled by {@code shard} (20 of them) and {@code instance_id}. Values follow the wall clock
 * (counters grow by a per-unit rate per second), so two servers scraping it at about the same time store about the
 * same data.
 *
 * <p>usage: {@code SyntheticTarget <port> <series>}; runs until killed.
 */
public final class SyntheticTarget {
    static final int SHARDS = 20;
    static final int SERIES_PER_UNIT = 11;
    private static final double[] BOUNDS = {0.05, 0.1, 0.5, 1, 5};

    private final int units;
    private final long startMs = System.currentTimeMillis();

    SyntheticTarget(int series) {
        this.units = Math.max(1, series / SERIES_PER_UNIT);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticTarget <port> <series>");
            System.exit(2);
        }
        SyntheticTarget target = new SyntheticTarget(Integer.parseInt(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/metrics", exchange -> {
            byte[] body = target.render(System.currentTimeMillis());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.err.println("synthetic target on 127.0.0.1:" + server.getAddress().getPort() + " with "
                + target.units * SERIES_PER_UNIT + " series");
    }

    byte[] render(long nowMs) {
        double seconds = (nowMs - startMs) / 1000.0;
        StringBuilder sb = new StringBuilder(units * 700);
        sb.append("# TYPE load_requests_total counter\n");
        for (int i = 0; i < units; i++) {
            double rate = 1 + i % 13;
            labels(sb.append("load_requests_total"), i).append(",code=\"200\"} ")
                    .append(Math.floor(rate * seconds)).append('\n');
            labels(sb.append("load_requests_total"), i).append(",code=\"500\"} ")
                    .append(Math.floor(rate * seconds / 50)).append('\n');
        }
        sb.append("# TYPE load_temperature gauge\n");
        for (int i = 0; i < units; i++) {
            labels(sb.append("load_temperature"), i).append("} ")
                    .append(20 + 10 * Math.sin(seconds / 60 + i)).append('\n');
        }
        sb.append("# TYPE load_duration_seconds histogram\n");
        for (int i = 0; i < units; i++) {
            double count = Math.floor((1 + i % 7) * seconds);
            double cumulative = 0;
            for (int b = 0; b < BOUNDS.length; b++) {
                cumulative = Math.floor(count * (b + 1) / (BOUNDS.length + 1));
                labels(sb.append("load_duration_seconds_bucket"), i).append(",le=\"").append(BOUNDS[b])
                        .append("\"} ").append(cumulative).append('\n');
            }
            labels(sb.append("load_duration_seconds_bucket"), i).append(",le=\"+Inf\"} ").append(count)
                    .append('\n');
            labels(sb.append("load_duration_seconds_sum"), i).append("} ").append(count * 0.3).append('\n');
            labels(sb.append("load_duration_seconds_count"), i).append("} ").append(count).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder labels(StringBuilder sb, int unit) {
        return sb.append("{shard=\"s").append(unit % SHARDS).append("\",instance_id=\"i").append(unit).append('"');
    }
}
