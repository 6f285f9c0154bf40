package io.ignis.server;

import com.sun.net.httpserver.HttpServer;
import io.ignis.scrape.textparse.proto.MetricFamily;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A scrape target on 127.0.0.1 serving length-delimited {@code io.prometheus.client.MetricFamily} messages (the
 * protobuf exposition), swapped by the test between scrapes. Every metric carries an explicit timestamp, so any
 * number of scrapers store exactly the same samples whenever they scrape.
 */
public final class ProtobufTarget implements AutoCloseable {
    static final String CONTENT_TYPE =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private final HttpServer server;
    private volatile byte[] body = new byte[0];

    public ProtobufTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body;
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public void serve(List<MetricFamily> families) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (MetricFamily f : families) {
                f.writeDelimitedTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body = out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
