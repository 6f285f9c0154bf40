package io.ignis.scrape;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/** A small exporter on 127.0.0.1 for tests: one responder per path; records the request headers it saw. */
final class TestExporter implements AutoCloseable {
    /** Writes a response to one exchange. */
    interface Responder {
        void respond(HttpExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-exporter");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    final CopyOnWriteArrayList<Headers> requests = new CopyOnWriteArrayList<>();

    private TestExporter(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestHeaders());
            Responder r = responders.get(ex.getRequestURI().getPath());
            try {
                if (r == null) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    r.respond(ex);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    static TestExporter http() throws IOException {
        return new TestExporter(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
    }

    static TestExporter https(SSLContext ssl, boolean needClientAuth) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                // setNeedClientAuth alone is ignored by the JDK server; the SSL parameters are what it applies.
                javax.net.ssl.SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        return new TestExporter(s);
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    TestExporter on(String path, Responder r) {
        responders.put(path, r);
        return this;
    }

    static Responder body(String contentType, byte[] body) {
        return ex -> {
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        };
    }

    static Responder text(String body) {
        return body("text/plain; version=0.0.4; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Gzips the body when the request accepts it, as real exporters do. */
    static Responder gzipText(String body) {
        return ex -> {
            String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            if (accept != null && accept.contains("gzip")) {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = new GZIPOutputStream(ex.getResponseBody())) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        };
    }

    static Responder status(int code) {
        return ex -> ex.sendResponseHeaders(code, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
