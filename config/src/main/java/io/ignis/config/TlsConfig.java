package io.ignis.config;

/**
 * {@code tls_config}. Inline PEM ({@code ca}, {@code cert}, {@code key}) and files are mutually exclusive per item;
 * empty strings mean unset; versions are {@code TLS10}..{@code TLS13} or empty.
 */
public record TlsConfig(String ca, String caFile, String cert, String certFile, Secret key, String keyFile,
        String serverName, boolean insecureSkipVerify, String minVersion, String maxVersion) {
    public static final TlsConfig EMPTY = new TlsConfig("", "", "", "", new Secret(""), "", "", false, "", "");
}
