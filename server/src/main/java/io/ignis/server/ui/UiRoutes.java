package io.ignis.server.ui;

import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.http.Router;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the web UI as {@code web-ui/README.md} asks: the shell (with {@code {{BASE}}} replaced by the route
 * prefix) for every page path listed in {@code shell-paths.txt}, {@code /} and {@code /graph} redirected to
 * {@code /query} as Prometheus 3 does, {@code /assets/**} and {@code /webjars/**} from the classpath.
 */
public final class UiRoutes {
    private static final String UI = "io/ignis/ui";

    private UiRoutes() {
    }

    /** @param routePrefix the router's prefix: {@code ""} or a path like {@code /prom} */
    public static void register(Router router, String routePrefix) {
        String base = routePrefix + "/";
        byte[] shell = ClasspathAssets.readText(UI + "/index.html").replace("{{BASE}}", escapeAttribute(base))
                .getBytes(StandardCharsets.UTF_8);
        String shellEtag = ClasspathAssets.etag(shell);
        for (String path : shellPaths()) {
            if (path.equals("/") || path.equals("graph")) {
                String route = path.equals("/") ? "/" : "/" + path;
                router.get(route, r -> redirect(base + "query", r));
                continue;
            }
            router.get("/" + path, r -> shellResponse(shell, shellEtag));
            router.get("/" + path + "/", r -> shellResponse(shell, shellEtag));
        }
        ClasspathAssets assets = new ClasspathAssets(UI + "/assets");
        ClasspathAssets webjars = new ClasspathAssets("META-INF/resources/webjars");
        router.get("/assets/*path", r -> assets.serve(r, r.pathParam("path")));
        router.get("/webjars/*path", r -> webjars.serve(r, r.pathParam("path")));
    }

    private static Response shellResponse(byte[] shell, String etag) {
        return Response.bytes(200, "text/html; charset=utf-8", shell).withHeader("Cache-Control", "no-cache")
                .withHeader("ETag", etag);
    }

    /** A 302 to {@code location}, keeping the request's query string so old links keep their panels. */
    private static Response redirect(String location, Request request) {
        StringBuilder url = new StringBuilder(location);
        char sep = '?';
        for (Map.Entry<String, List<String>> e : request.params().entrySet()) {
            for (String v : e.getValue()) {
                url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        String target = url.toString();
        return new Response(302, "text/html; charset=utf-8", Map.of("Location", target),
                ("<a href=\"" + escapeAttribute(target) + "\">Found</a>.\n").getBytes(StandardCharsets.UTF_8));
    }

    static List<String> shellPaths() {
        List<String> out = new ArrayList<>();
        for (String line : ClasspathAssets.readText(UI + "/shell-paths.txt").split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
