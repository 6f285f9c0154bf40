package io.ignis.server.http;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code tls_server_config} of an exporter-toolkit web configuration file, paths resolved against the file's
 * directory. Go's names are kept: {@code clientAuthType} is {@code NoClientCert}, {@code RequestClientCert},
 * {@code RequireAnyClientCert}, {@code VerifyClientCertIfGiven} or {@code RequireAndVerifyClientCert};
 * versions are {@code TLS10} … {@code TLS13}; cipher suites and curves carry Go's constant names.
 */
public record TlsServerConfig(Path certFile, Path keyFile, String clientAuthType, Path clientCaFile,
                              List<String> clientAllowedSans, String minVersion, String maxVersion,
                              List<String> cipherSuites, boolean preferServerCipherSuites,
                              List<String> curvePreferences) {

    /** The files whose change means the TLS context must be rebuilt. */
    List<Path> watchedFiles() {
        return clientCaFile == null ? List.of(certFile, keyFile) : List.of(certFile, keyFile, clientCaFile);
    }
}
