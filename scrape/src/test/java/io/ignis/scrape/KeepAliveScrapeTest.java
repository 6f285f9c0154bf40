package io.ignis.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.scrape.client.CountingServer;
import io.ignis.scrape.client.CountingServer.Action;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A scrape loop keeps one connection to its target, and lets it go when the target or its config goes. */
class KeepAliveScrapeTest {
    static final Duration INTERVAL = Duration.ofMillis(200);

    final ScrapeHarness h = new ScrapeHarness();
    final CountingServer server;

    KeepAliveScrapeTest() throws IOException {
        server = new CountingServer("m 1\n", (n, total) -> Action.RESPOND);
    }

    @AfterEach
    void close() throws IOException {
        h.close();
        server.close();
    }

    static TestScrapeConfig job() {
        return new TestScrapeConfig("keep").interval(INTERVAL, Duration.ofMillis(150));
    }

    int ups() {
        return h.storage.samples("up", "job", "keep").size();
    }

    @Test
    void loopScrapesOverOneConnectionAndClosesItWhenTheTargetGoes() {
        h.apply(job().build());
        h.targets(Map.of("keep", List.of(server.address())));
        ScrapeHarness.await("6 scrapes", Duration.ofSeconds(10), () -> ups() >= 6);
        assertThat(h.storage.samples("up", "job", "keep")).allSatisfy(s -> assertThat(s.v()).isEqualTo(1));
        assertThat(server.accepted()).isEqualTo(1);

        h.targets(Map.of("keep", List.of()));
        ScrapeHarness.await("the connection to close", Duration.ofSeconds(10), () -> server.open() == 0);
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void configChangeReplacesTheConnection() {
        h.apply(job().build());
        h.targets(Map.of("keep", List.of(server.address())));
        ScrapeHarness.await("3 scrapes", Duration.ofSeconds(10), () -> ups() >= 3);

        TestScrapeConfig changed = job();
        changed.honorLabels = true;
        h.apply(changed.build());
        int before = ups();
        ScrapeHarness.await("3 more scrapes", Duration.ofSeconds(10), () -> ups() >= before + 3);
        assertThat(server.accepted()).isEqualTo(2);
        ScrapeHarness.await("the old connection to close", Duration.ofSeconds(10), () -> server.open() == 1);
    }

    @Test
    void targetThatClosesEveryConnectionStaysUp() throws IOException {
        try (CountingServer closing = new CountingServer("m 1\n", (n, total) -> n == 1 ? Action.RESPOND_THEN_CLOSE
                : Action.CLOSE)) {
            h.apply(job().build());
            h.targets(Map.of("keep", List.of(closing.address())));
            ScrapeHarness.await("4 scrapes", Duration.ofSeconds(10), () -> ups() >= 4);
            assertThat(h.storage.samples("up", "job", "keep")).allSatisfy(s -> assertThat(s.v()).isEqualTo(1));
            assertThat(closing.accepted()).isGreaterThanOrEqualTo(4);
        }
    }
}
