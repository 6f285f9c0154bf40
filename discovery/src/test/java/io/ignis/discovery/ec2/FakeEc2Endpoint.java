package io.ignis.discovery.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An EC2 (and STS) query-API endpoint on loopback answering with recorded XML: DescribeInstances in two pages (the
 * second asked for with {@code NextToken=page-2}), DescribeAvailabilityZones and STS AssumeRole. While
 * {@link #failing} is set every call gets HTTP 500 with an InternalError body. Each request is kept with the
 * signing headers, whose access key tells which credentials signed it.
 */
final class FakeEc2Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final boolean tls;
    private final List<Request> requests = new ArrayList<>();
    volatile boolean failing;

    FakeEc2Endpoint() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false);
    }

    private FakeEc2Endpoint(HttpServer server, boolean tls) {
        this.server = server;
        this.tls = tls;
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Over HTTPS with the test PKI's {@code tls/server.pem}, for 127.0.0.1; with {@code needClientAuth} the handshake
     * fails without a client certificate signed by {@code tls/ca.pem}.
     */
    static FakeEc2Endpoint https(boolean needClientAuth) throws IOException {
        SSLContext ctx = TestPki.serverContext();
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        return new FakeEc2Endpoint(s, true);
    }

    String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** One call: its form parameters, the Authorization and X-Amz-Security-Token headers (or ""), all headers. */
    record Request(Map<String, String> form, String authorization, String securityToken,
            Map<String, List<String>> headers) {
        String action() {
            return form.getOrDefault("Action", "");
        }

        /** The access key id in the SigV4 Authorization header's {@code Credential=<key>/<scope>}. */
        String accessKey() {
            int at = authorization.indexOf("Credential=");
            if (at < 0) {
                return "";
            }
            int end = authorization.indexOf('/', at);
            return authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end);
        }
    }

    synchronized List<Map<String, String>> requests() {
        return requests.stream().map(Request::form).toList();
    }

    synchronized List<Request> calls() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = ex.getRequestHeaders().getFirst("X-Amz-Security-Token");
        synchronized (this) {
            requests.add(new Request(form, auth == null ? "" : auth, token == null ? "" : token,
                    caseInsensitive(ex.getRequestHeaders())));
        }
        String action = form.getOrDefault("Action", "");
        if (failing) {
            respond(ex, 500, "internal-error.xml");
        } else if (action.equals("DescribeInstances")) {
            respond(ex, 200, "page-2".equals(form.get("NextToken")) ? "describe-instances-2.xml"
                    : "describe-instances-1.xml");
        } else if (action.equals("AssumeRole")) {
            respond(ex, 200, "assume-role.xml");
        } else if (action.equals("DescribeAvailabilityZones")) {
            respond(ex, 200, "describe-availability-zones.xml");
        } else {
            respond(ex, 400, "internal-error.xml");
        }
    }

    private static void respond(HttpExchange ex, int status, String resource) throws IOException {
        byte[] body;
        try (InputStream in = FakeEc2Endpoint.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing test resource " + resource));
            }
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(headers);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
