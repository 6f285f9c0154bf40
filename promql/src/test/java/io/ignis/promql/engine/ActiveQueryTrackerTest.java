package io.ignis.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.storage.Appender;
import io.ignis.storage.Queryable;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code queries.active}: Prometheus's byte layout while queries run, cleared slots, and a crash's leftovers. */
class ActiveQueryTrackerTest {
    /** 2023-11-14T22:13:20Z. */
    private static final long NOW_MS = 1_700_000_000_123L;

    @TempDir
    Path dir;
    private final Head head = Head.inMemory(HeadOptions.defaults().withStripeSize(16));

    ActiveQueryTrackerTest() {
        Appender app = head.appender();
        app.append(0, Labels.of("__name__", "up", "job", "a"), 0, 1);
        app.commit();
    }

    @AfterEach
    void close() throws IOException {
        head.close();
    }

    private ActiveQueryTracker open(int maxConcurrent) {
        return ActiveQueryTracker.open(dir, maxConcurrent, () -> NOW_MS);
    }

    private byte[] file() throws IOException {
        return Files.readAllBytes(dir.resolve("queries.active"));
    }

    /** The file as Prometheus lays it out: '[' then one 1000-byte slot per entry, NUL-padded, comma last. */
    private static byte[] layout(int slots, String... entries) {
        byte[] b = new byte[1 + slots * 1000];
        b[0] = '[';
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null) {
                byte[] e = entries[i].getBytes(StandardCharsets.UTF_8);
                System.arraycopy(e, 0, b, 1 + i * 1000, e.length);
                b[i * 1000 + 1000] = ',';
            }
        }
        return b;
    }

    @Test
    void aRunningQueryIsInTheFileAndClearedWhenItEnds() throws Exception {
        ActiveQueryTracker tracker = open(3);
        assertThat(file()).isEqualTo(layout(3));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Queryable blocking = (mint, maxt) -> {
            entered.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return head.querier(mint, maxt);
        };
        Engine engine = new Engine(EngineOptions.defaults(), PromqlParser::parse, new QueryGate(3), tracker);
        CompletableFuture<Result> f = CompletableFuture.supplyAsync(
                () -> engine.newInstantQuery(blocking, "sum(up{job=\"a\"}) > 0", 0).exec());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        String entry = "{\"query\":\"sum(up{job=\\\"a\\\"}) \\u003e 0\",\"timestamp_sec\":1700000000}";
        assertThat(file()).isEqualTo(layout(3, entry));
        assertThat(ActiveQueryTracker.readUnfinished(dir.resolve("queries.active"))).isEqualTo("[" + entry + "]");
        release.countDown();
        assertThat(f.get(10, TimeUnit.SECONDS).value()).isNotNull();
        assertThat(file()).isEqualTo(layout(3));
    }

    @Test
    void aFailedQueryIsClearedToo() throws Exception {
        ActiveQueryTracker tracker = open(1);
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(0), PromqlParser::parse, null, tracker);
        assertThatThrownBy(() -> engine.newInstantQuery(head, "up", 0).exec())
                .isInstanceOf(TooManySamplesException.class);
        assertThat(file()).isEqualTo(layout(1));
    }

    @Test
    void slotsAreHandedOutInOrderAndReusedFirstInFirstOut() throws Exception {
        ActiveQueryTracker tracker = open(3);
        assertThat(tracker.insert("a")).isZero();
        assertThat(tracker.insert("b")).isEqualTo(1);
        tracker.delete(0);
        assertThat(tracker.insert("c")).isEqualTo(2);
        assertThat(tracker.insert("d")).isZero();
        assertThat(tracker.insert("e")).as("all slots taken").isEqualTo(-1);
        tracker.delete(-1);
        assertThat(file()).isEqualTo(layout(3, entry("d"), entry("b"), entry("c")));
    }

    @Test
    void queriesLeftByACrashAreReportedAndTheFileRecreated() throws Exception {
        ActiveQueryTracker crashed = open(4);
        crashed.insert("rate(a[5m])");
        int b = crashed.insert("b");
        crashed.insert("c");
        crashed.delete(b);
        // The process dies here: the next start finds two entries, with a hole between them.
        ActiveQueryTracker next = open(2);
        assertThat(next.unfinishedQueries())
                .isEqualTo("[" + entry("rate(a[5m])") + "," + entry("c") + "]");
        assertThat(file()).isEqualTo(layout(2));
        assertThat(open(2).unfinishedQueries()).as("a clean file leaves nothing to report").isNull();
    }

    @Test
    void aFileWrittenByPrometheusIsRead() throws Exception {
        Files.write(dir.resolve("queries.active"), layout(3, null, entry("up"), null));
        assertThat(open(3).unfinishedQueries()).isEqualTo("[" + entry("up") + "]");
        Files.write(dir.resolve("queries.active"), new byte[0]);
        assertThat(open(3).unfinishedQueries()).isNull();
    }

    @Test
    void noFileNoLeftoversAndTheDirectoryIsCreated() throws Exception {
        Path sub = dir.resolve("data/sub");
        ActiveQueryTracker t = ActiveQueryTracker.open(sub, 1, () -> NOW_MS);
        assertThat(t.unfinishedQueries()).isNull();
        assertThat(Files.size(sub.resolve("queries.active"))).isEqualTo(1001);
    }

    /** Prometheus 2.42 reads the leftovers of our file as its own and recreates it byte for byte as we do. */
    @Test
    void prometheus242ReportsOurLeftoversAndRecreatesTheFileAsWeDo() throws Exception {
        PrometheusPeer.assumeInstalled();
        Path data = dir.resolve("data");
        ActiveQueryTracker crashed = ActiveQueryTracker.open(data, 2, () -> NOW_MS);
        crashed.insert("sum(rate(x[5m])) > 0");
        crashed.insert("up{job=\"a\"}");
        String leftovers = "[" + entry("sum(rate(x[5m])) \\u003e 0") + "," + entry("up{job=\\\"a\\\"}") + "]";
        String logfmt = leftovers.replace("\\", "\\\\").replace("\"", "\\\"");
        try (PrometheusPeer peer = PrometheusPeer.start(data, "--query.max-concurrency=2")) {
            assertThat(peer.log()).contains("msg=\"These queries didn't finish in prometheus' last run:\" queries=\""
                    + logfmt + "\"");
            assertThat(Files.readAllBytes(data.resolve("queries.active"))).isEqualTo(layout(2));
        }
    }

    private static String entry(String escapedQuery) {
        return "{\"query\":\"" + escapedQuery + "\",\"timestamp_sec\":1700000000}";
    }

    record Case(String name, String query, String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> entries() {
        return Stream.of(
                new Case("plain", "up", "up"),
                new Case("quotes and backslash", "{a=\"\\\\d\"}", "{a=\\\"\\\\\\\\d\\\"}"),
                new Case("html characters", "a<b>c&d", "a\\u003cb\\u003ec\\u0026d"),
                new Case("short escapes", "a\nb\rc\td\be\ff", "a\\nb\\rc\\td\\be\\ff"),
                new Case("other control characters", "a\u0001b\u001f", "a\\u0001b\\u001f"),
                new Case("line separators", "a\u2028b\u2029", "a\\u2028b\\u2029"),
                new Case("unicode as is", "métrique_😀", "métrique_😀"),
                new Case("lone surrogate", "a\ud800", "a\\ufffd"),
                // 960 bytes of query fit beside the 39 of an entry with an empty query and the comma.
                new Case("cut at 960 bytes", "x".repeat(2000), "x".repeat(960)),
                new Case("cut before a split character", "é".repeat(600), "é".repeat(480)),
                new Case("cut inside escapes keeps the slot", "<".repeat(200), "\\u003c".repeat(160)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void entriesAreEncodedAsGoEncodesThem(Case c) throws Exception {
        ActiveQueryTracker tracker = open(2);
        tracker.insert("first");
        tracker.insert(c.query());
        byte[] f = file();
        assertThat(f).isEqualTo(layout(2, entry("first"), entry(c.want())));
        assertThat(Arrays.copyOfRange(f, 1, 1001)).as("the first slot is untouched").isEqualTo(
                Arrays.copyOfRange(layout(2, entry("first")), 1, 1001));
    }
}
