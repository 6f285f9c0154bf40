package io.ignis.server.ui;

import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static files under one classpath directory, read once and kept with an ETag. File names carry no content hash,
 * so answers say {@code no-cache} and revalidate with {@code If-None-Match}.
 */
final class ClasspathAssets {
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "map", "application/json",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");

    private final String root;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    private record Asset(byte[] bytes, String etag) {
    }

    /** @param root a classpath directory without leading or trailing slash */
    ClasspathAssets(String root) {
        this.root = root;
    }

    Response serve(Request request, String relativePath) {
        if (relativePath.isEmpty() || relativePath.contains("..") || relativePath.startsWith("/")) {
            return Response.text(404, "404 page not found\n");
        }
        Asset asset = cache.computeIfAbsent(relativePath, this::load);
        if (asset.bytes == null) {
            cache.remove(relativePath);
            return Response.text(404, "404 page not found\n");
        }
        if (asset.etag.equals(request.header("if-none-match"))) {
            return new Response(304, contentType(relativePath), Map.of("ETag", asset.etag), new byte[0]);
        }
        return Response.bytes(200, contentType(relativePath), asset.bytes).withHeader("ETag", asset.etag)
                .withHeader("Cache-Control", "no-cache");
    }

    private Asset load(String relativePath) {
        try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(root + "/" + relativePath)) {
            if (in == null) {
                return new Asset(null, "");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("read classpath asset " + relativePath, e);
        }
    }

    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: SHA-256 missing", e);
        }
    }

    static String readText(String resource) {
        try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bug: web UI resource missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("read " + resource, e);
        }
    }
}
