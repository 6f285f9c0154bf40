package io.ignis.server.federate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A scrape target on 127.0.0.1 serving fixed text-format 0.0.4 metrics, which a test may swap (to make a series
 * vanish and go stale). Values never change between scrapes, so two servers scraping it agree exactly.
 */
final class StaticTarget implements AutoCloseable {
    private final HttpServer server;
    private volatile String body;

    StaticTarget(String body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(String newBody) {
        body = newBody;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
