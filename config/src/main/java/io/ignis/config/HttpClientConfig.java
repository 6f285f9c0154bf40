package io.ignis.config;

import java.util.List;
import java.util.Map;

/**
 * Prometheus's common {@code http_config}, inlined in scrape, alertmanager, remote and SD blocks. The deprecated
 * {@code bearer_token}/{@code bearer_token_file} arrive here as a Bearer {@link #authorization()}. {@code oauth2}
 * is rejected while loading. Null {@code basicAuth}/{@code authorization} mean not configured.
 */
public record HttpClientConfig(BasicAuth basicAuth, Authorization authorization, TlsConfig tlsConfig,
        String proxyUrl, String noProxy, boolean proxyFromEnvironment, Map<String, List<Secret>> proxyConnectHeader,
        Map<String, HttpHeader> httpHeaders, boolean followRedirects, boolean enableHttp2) {
    /** Prometheus's {@code config.DefaultHTTPClientConfig}: follow redirects, HTTP/2 on. */
    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, TlsConfig.EMPTY, "", "", false,
            Map.of(), Map.of(), true, true);

    public HttpClientConfig {
        proxyConnectHeader = Copies.map(proxyConnectHeader);
        httpHeaders = Copies.map(httpHeaders);
    }

    /** This config with HTTP/2 switched as given; remote write defaults it off. */
    public HttpClientConfig withEnableHttp2(boolean enable) {
        return new HttpClientConfig(basicAuth, authorization, tlsConfig, proxyUrl, noProxy, proxyFromEnvironment,
                proxyConnectHeader, httpHeaders, followRedirects, enable);
    }
}
