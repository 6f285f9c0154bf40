package io.ignis.server.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A JDK HTTP server on 127.0.0.1 that hands every request to one of our handlers, for tests. */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;

    LoopbackServer(Function<Request, Response> handler) throws IOException {
        this(handler, 0);
    }

    /** Listens on {@code port}, or on a free one when 0; a stopped server can be restarted on its old port. */
    LoopbackServer(Function<Request, Response> handler, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> serve(ex, handler));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static void serve(HttpExchange ex, Function<Request, Response> handler) throws IOException {
        try (ex) {
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            byte[] body = ex.getRequestBody().readAllBytes();
            Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.<String,
                    List<String>>of(), Map.of(), headers, body);
            Response resp;
            try {
                resp = handler.apply(req);
            } catch (RuntimeException e) {
                resp = Response.text(500, String.valueOf(e));
            }
            ex.getResponseHeaders().set("Content-Type", resp.contentType());
            resp.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            if (resp.body().length == 0) {
                ex.sendResponseHeaders(resp.status(), -1);
            } else {
                ex.sendResponseHeaders(resp.status(), resp.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(resp.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
