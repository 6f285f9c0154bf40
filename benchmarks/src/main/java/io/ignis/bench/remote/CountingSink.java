package io.ignis.bench.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ignis.model.StaleNaN;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.xerial.snappy.Snappy;

/**
 * A remote write 1.0 receiver on 127.0.0.1 that stores nothing and counts: per series (a 64-bit hash of its
 * label bytes) it keeps the newest timestamp received, so a sample whose timestamp is equal to it counts as a
 * duplicate and an older one as out of order; samples with a newer timestamp count once, stale markers apart.
 * A sender that remote-writes every sample exactly once leaves both anomaly counts at zero. Answers every
 * well-formed request 204 and a malformed one 400.
 *
 * <p>{@code GET /stats} prints {@code name value} lines. Prints its port on stdout, then {@code ready}; exits
 * after {@code --duration} seconds. Usage: {@code CountingSink [--duration SEC] [--threads N]}.
 */
public final class CountingSink {
    private final Long2LongOpenHashMap newest = new Long2LongOpenHashMap();
    private long samples;
    private long stale;
    private long duplicates;
    private long outOfOrder;
    private long histograms;
    private long exemplars;
    private long requests;
    private long badRequests;
    private long bytes;

    public static void main(String[] args) throws Exception {
        long duration = 3600;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duration" -> duration = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: CountingSink [--duration SEC] [--threads N]");
                    System.exit(2);
                }
            }
        }
        CountingSink sink = new CountingSink();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/api/v1/write", sink::write);
        server.createContext("/stats", sink::stats);
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.println("ready");
        System.out.flush();
        pool.awaitTermination(duration, TimeUnit.SECONDS);
        server.stop(0);
        pool.shutdownNow();
        System.err.println(sink.render());
    }

    private void write(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = 204;
            try {
                byte[] raw = Snappy.uncompress(body);
                synchronized (this) {
                    requests++;
                    bytes += body.length;
                    writeRequest(raw);
                }
            } catch (IOException | IllegalArgumentException e) {
                synchronized (this) {
                    badRequests++;
                }
                status = 400;
            }
            ex.sendResponseHeaders(status, -1);
        }
    }

    /** WriteRequest: 1 timeseries, 3 metadata (ignored). */
    private void writeRequest(byte[] raw) {
        WireReader r = new WireReader(raw, 0, raw.length);
        while (r.more()) {
            long tag = r.varint();
            if (tag == (1 << 3 | WireReader.LEN)) {
                int end = r.lengthEnd();
                timeSeries(raw, r.pos(), end);
                r.skipTo(end);
            } else {
                r.skip((int) (tag & 7));
            }
        }
    }

    /** TimeSeries: 1 labels, 2 samples, 3 exemplars, 4 histograms. Labels come first as every sender writes them. */
    private void timeSeries(byte[] raw, int from, int to) {
        long hash = 0xcbf29ce484222325L;
        WireReader r = new WireReader(raw, from, to);
        while (r.more()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            if ((tag & 7) != WireReader.LEN) {
                r.skip((int) (tag & 7));
                continue;
            }
            int end = r.lengthEnd();
            switch (field) {
                case 1 -> {
                    for (int i = r.pos(); i < end; i++) {
                        hash = (hash ^ (raw[i] & 0xff)) * 0x100000001b3L;
                    }
                    hash = (hash ^ 0xff) * 0x100000001b3L;
                }
                case 2 -> sample(hash, new WireReader(raw, r.pos(), end));
                case 3 -> exemplars++;
                case 4 -> {
                    histograms++;
                    timestamped(hash, histogramTimestamp(new WireReader(raw, r.pos(), end)), false);
                }
                default -> {
                }
            }
            r.skipTo(end);
        }
    }

    /** Sample: 1 value (double), 2 timestamp (int64). */
    private void sample(long hash, WireReader r) {
        long bits = 0;
        long t = 0;
        while (r.more()) {
            long tag = r.varint();
            if (tag == (1 << 3 | WireReader.FIXED64)) {
                bits = r.fixed64();
            } else if (tag == (2 << 3 | WireReader.VARINT)) {
                t = r.varint();
            } else {
                r.skip((int) (tag & 7));
            }
        }
        timestamped(hash, t, bits == StaleNaN.BITS);
    }

    /** Histogram: timestamp is field 15. */
    private static long histogramTimestamp(WireReader r) {
        long t = 0;
        while (r.more()) {
            long tag = r.varint();
            if (tag == (15 << 3 | WireReader.VARINT)) {
                t = r.varint();
            } else {
                r.skip((int) (tag & 7));
            }
        }
        return t;
    }

    private void timestamped(long hash, long t, boolean isStale) {
        long last = newest.getOrDefault(hash, Long.MIN_VALUE);
        if (t > last) {
            newest.put(hash, t);
            if (isStale) {
                stale++;
            } else {
                samples++;
            }
        } else if (t == last) {
            duplicates++;
        } else {
            outOfOrder++;
        }
    }

    private void stats(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] b = render().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    private synchronized String render() {
        return "samples " + samples + "\nstale " + stale + "\nduplicates " + duplicates + "\nout_of_order "
                + outOfOrder + "\nhistograms " + histograms + "\nexemplars " + exemplars + "\nseries "
                + newest.size() + "\nrequests " + requests + "\nbad_requests " + badRequests + "\nbytes " + bytes
                + "\n";
    }
}
