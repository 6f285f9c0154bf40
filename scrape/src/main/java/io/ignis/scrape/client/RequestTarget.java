package io.ignis.scrape.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where one request goes, parsed from its URL once: the socket to connect to (the proxy's when one is set), the
 * TLS server name, and the request line's target and Host header. Two requests whose {@link #key} is equal may
 * share a connection.
 *
 * @param key scheme, socket address and TLS server name: what a kept-alive connection is bound to
 * @param authority the Host header, as written in the URL
 * @param requestUri path and query, or the absolute URL when sent through a proxy
 */
record RequestTarget(String key, boolean https, String host, int port, String connectHost, int connectPort,
        String sni, String authority, String requestUri) {

    /**
     * Parses {@code url}; throws IllegalArgumentException worded as Go's client errors for a URL that cannot be
     * requested.
     */
    static RequestTarget parse(String url, URI proxy, String serverName) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("unsupported protocol scheme \"" + uri.getScheme() + "\"");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no Host in request URL");
        }
        if (proxy != null && https) {
            throw new IllegalArgumentException(
                    "proxyconnect: CONNECT through proxy_url is not supported for https targets");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = (proxy != null ? "http://" + uri.getRawAuthority() : "") + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String connectHost = proxy != null ? proxy.getHost() : host;
        int connectPort = proxy != null ? (proxy.getPort() > 0 ? proxy.getPort() : 80) : port;
        String sni = serverName.isEmpty() ? host : serverName;
        String key = (https ? "https://" : "http://") + connectHost + ":" + connectPort + (https ? "/" + sni : "");
        return new RequestTarget(key, https, host, port, connectHost, connectPort, sni, uri.getRawAuthority(),
                requestUri);
    }

    /** The absolute URL of a redirect's {@code Location}, resolved against {@code from}. */
    static String resolve(String from, String location) {
        return URI.create(from).resolve(location).toString();
    }
}
