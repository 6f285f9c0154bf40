package io.ignis.discovery.dns;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Debian's dnsmasq serving records from a config file on 127.0.0.1, started per test and stopped by its process.
 * Missing binary: the test fails when CI=true and is skipped otherwise.
 */
final class Dnsmasq implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    private final int port;

    private Dnsmasq(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Dnsmasq start(Path dir, String config) throws IOException {
        return start(dir, config, 0);
    }

    /** Starts on the given UDP/TCP port, or on a free one when port is 0. */
    static Dnsmasq start(Path dir, String config, int fixedPort) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " is missing: apt-get install -y dnsmasq-base";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, config);
        // A free UDP port may still be taken for TCP (other processes share the machine): then try another.
        for (int attempt = 1; ; attempt++) {
            int port = fixedPort != 0 ? fixedPort : freeUdpPort();
            Process p = new ProcessBuilder(BINARY.toString(), "--no-daemon", "--port=" + port,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                    "--user=", "--conf-file=" + conf).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
            Dnsmasq d = new Dnsmasq(p, port);
            if (d.awaitReady(dir, fixedPort == 0 && attempt < 5)) {
                return d;
            }
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** @return false when dnsmasq exited and {@code mayRetry}; fails the test otherwise */
    private boolean awaitReady(Path dir, boolean mayRetry) throws IOException {
        SimpleResolver probe = new SimpleResolver(address());
        probe.setTimeout(Duration.ofMillis(100));
        Message query = Message.newQuery(Record.newRecord(Name.fromString("probe.invalid."), Type.A, DClass.IN));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                if (mayRetry) {
                    return false;
                }
                fail("dnsmasq exited: " + Files.readString(dir.resolve("dnsmasq.log")));
            }
            try {
                probe.send(query);
                return true; // any answer, even REFUSED, means it listens
            } catch (IOException e) {
                // not listening yet
            }
        }
        close();
        fail("dnsmasq did not answer within 10s: " + Files.readString(dir.resolve("dnsmasq.log")));
        return false;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
