package io.ignis.scrape.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.config.Secret;
import io.ignis.config.TlsConfig;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    static void openssl(Path dir, String script) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            assertThat("true".equals(System.getenv("CI"))).as("openssl required under CI=true").isFalse();
            Assumptions.assumeTrue(false, "openssl is not installed");
        }
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void contextRebuiltOnlyWhenAFileChanges(@TempDir Path dir) throws Exception {
        openssl(dir, "for n in a b; do openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                + "-keyout $n.key -out $n.crt -days 1 -subj /CN=$n 2>/dev/null; done; cp a.crt ca.crt");
        Path ca = dir.resolve("ca.crt");
        TlsSettings tls = new TlsSettings(new TlsConfig("", ca.toString(), "", "", new Secret(""), "", "", false, "",
                ""));
        SslContext first = tls.context();
        assertThat(tls.context()).isSameAs(first);

        Files.copy(dir.resolve("b.crt"), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(ca, FileTime.fromMillis(Files.getLastModifiedTime(ca).toMillis() + 2000));
        assertThat(tls.context()).isNotSameAs(first);
    }

    @Test
    void certWithoutKeyIsAnError(@TempDir Path dir) throws Exception {
        openssl(dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout k.pem "
                + "-out c.pem -days 1 -subj /CN=c 2>/dev/null");
        TlsSettings tls = new TlsSettings(new TlsConfig("", "", "", dir.resolve("c.pem").toString(), new Secret(""),
                "", "", false, "", ""));
        assertThatThrownBy(tls::context).hasMessage("tls_config: client cert and key must be given together");
    }
}
