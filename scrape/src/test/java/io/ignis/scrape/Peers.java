package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Real peers from Debian packages: missing ones fail the test under CI=true and skip it elsewhere. */
final class Peers {
    private Peers() {
    }

    static Path require(String binary) {
        Path p = Path.of(binary);
        if (!Files.isExecutable(p)) {
            if ("true".equals(System.getenv("CI"))) {
                assertThat(p).as("peer binary required under CI=true").isExecutable();
            }
            Assumptions.assumeTrue(false, binary + " is not installed");
        }
        return p;
    }
}
