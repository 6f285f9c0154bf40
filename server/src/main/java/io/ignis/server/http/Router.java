package io.ignis.server.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps method and path to a {@link Handler}. Paths are registered without the route prefix; a request outside
 * the prefix is not found. A segment {@code :name} captures one path segment, a final {@code *name} the rest.
 * HEAD falls back to the GET route (the server drops the body); a known path with another method gets 405.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final String prefix;
    private final RequestObserver observer;
    private final List<Route> routes = new ArrayList<>();

    /** {@code routePrefix} is {@code /} or a path without a trailing slash, as {@code Flags} computes it. */
    public Router(String routePrefix) {
        this(routePrefix, RequestObserver.NONE);
    }

    public Router(String routePrefix, RequestObserver observer) {
        this.prefix = routePrefix.equals("/") ? "" : routePrefix;
        this.observer = observer;
    }

    public Router get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Router post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    public Router put(String path, Handler handler) {
        return add("PUT", path, handler);
    }

    public Router add(String method, String path, Handler handler) {
        routes.add(new Route(method, path, path.split("/", -1), handler));
        return this;
    }

    /** The prefix every route lives under, {@code ""} for the root. */
    public String prefix() {
        return prefix;
    }

    /** Finds and runs the handler; never throws. */
    public Response dispatch(Request request) {
        String path = request.path();
        if (!prefix.isEmpty()) {
            if (!path.startsWith(prefix + "/")) {
                return Response.text(404, "404 page not found\n");
            }
            path = path.substring(prefix.length());
        }
        String[] segments = path.split("/", -1);
        boolean pathKnown = false;
        for (String method : request.method().equals("HEAD") ? List.of("HEAD", "GET") : List.of(request.method())) {
            for (Route route : routes) {
                Map<String, String> captured = route.match(segments);
                if (captured == null) {
                    continue;
                }
                pathKnown = true;
                if (route.method.equals(method)) {
                    long start = System.nanoTime();
                    Response response = run(route.handler, request.withRoute(path, captured));
                    if (response.isStreamed()) {
                        return observed(route.pattern, response, start);
                    }
                    observer.observe(route.pattern, response.status(), System.nanoTime() - start,
                            response.body().length);
                    return response;
                }
            }
        }
        if (pathKnown || anyRouteMatches(segments)) {
            return Response.text(405, "Method Not Allowed\n");
        }
        return Response.text(404, "404 page not found\n");
    }

    /** A streamed response is observed once its body is written, with its size and the time to write it. */
    private Response observed(String pattern, Response response, long start) {
        if (observer == RequestObserver.NONE) {
            return response;
        }
        BodyWriter inner = response.stream();
        return response.withStream(out -> {
            CountingOutputStream counting = new CountingOutputStream(out);
            try {
                inner.writeTo(counting);
            } finally {
                observer.observe(pattern, response.status(), System.nanoTime() - start, counting.bytes);
            }
        });
    }

    private boolean anyRouteMatches(String[] segments) {
        for (Route route : routes) {
            if (route.match(segments) != null) {
                return true;
            }
        }
        return false;
    }

    private static Response run(Handler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (Exception e) {
            LOG.atError().setMessage("http handler failed")
                    .addKeyValue("path", request.path()).addKeyValue("err", String.valueOf(e)).log();
            return Response.text(500, "internal error: " + e.getMessage() + "\n");
        }
    }

    /** Passes bytes through, counting them. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long bytes;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    private record Route(String method, String pattern, String[] segments, Handler handler) {
        /** Captured parameters if the path matches, else {@code null}. */
        Map<String, String> match(String[] path) {
            Map<String, String> captured = null;
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.startsWith("*") && i == segments.length - 1) {
                    captured = captured == null ? new HashMap<>() : captured;
                    captured.put(s.substring(1), String.join("/", Arrays.copyOfRange(path, i, path.length)));
                    return captured;
                }
                if (i >= path.length) {
                    return null;
                }
                if (s.startsWith(":") && !path[i].isEmpty()) {
                    captured = captured == null ? new HashMap<>() : captured;
                    captured.put(s.substring(1), path[i]);
                } else if (!s.equals(path[i])) {
                    return null;
                }
            }
            if (segments.length != path.length) {
                return null;
            }
            return captured == null ? Map.of() : captured;
        }
    }
}
