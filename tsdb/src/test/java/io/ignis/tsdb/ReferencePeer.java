package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the reference binaries (Debian's prometheus and promtool); missing ones fail under CI=true. */
final class ReferencePeer {
    private ReferencePeer() {
    }

    static Path require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String msg = name + " not found on PATH; install Debian's prometheus package";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg);
        }
        Assumptions.abort(msg);
        return null;
    }
}
