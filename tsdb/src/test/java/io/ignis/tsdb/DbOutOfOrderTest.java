package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Appender;
import io.ignis.storage.ChunkIterator;
import io.ignis.storage.ChunkQuerier;
import io.ignis.storage.ChunkSeriesSet;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleRejection;
import io.ignis.storage.SampleType;
import io.ignis.tsdb.Samples.Sample;
import io.ignis.tsdb.chunkenc.Chunks;
import io.ignis.tsdb.wal.Segments;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out-of-order ingestion through a Db: the WBL across restarts, out-of-order compaction, runtime window changes. */
class DbOutOfOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);
    private static final long MIN = 60_000L;

    @TempDir
    Path dir;

    private static DbOptions options(long window) {
        return DbOptions.defaults().withHead(HeadOptions.defaults().withStripeSize(64).withReplayWorkers(2)
                .withWalSegmentSize(256 * 1024)).withOutOfOrderTimeWindow(window);
    }

    /** In-order every minute over {@code [T0 + 2h, T0 + 5h30m)} for 3 series, then late samples in between. */
    private static DbModel fillWithLateSamples(Db db, long lateFrom, long lateTo) {
        DbModel model = new DbModel();
        model.fill(db, 3, T0 + 2 * HOUR, T0 + 5 * HOUR + 30 * MIN, MIN);
        Appender app = db.appender();
        int inBatch = 0;
        for (long t = lateTo - 30_000; t >= lateFrom; t -= MIN) {
            for (int i = 0; i < 3; i++) {
                double v = -t / 1000.0 - i;
                app.append(0, DbModel.series(i), t, v);
                model.series.computeIfAbsent(DbModel.series(i), k -> new TreeMap<>()).put(t, v);
            }
            if (++inBatch == 7) {
                app.commit();
                inBatch = 0;
            }
        }
        app.commit();
        return model;
    }

    @Test
    void wblReplayRestoresOutOfOrderSamplesExactlyOnce() throws Exception {
        DbModel model;
        long late;
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            model = fillWithLateSamples(db, T0 + 2 * HOUR, T0 + 5 * HOUR);
            late = db.head().stats().outOfOrderSamplesAppended();
            assertThat(late).isEqualTo(3 * 180);
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
            assertThat(readChunks(db, T0 + 3 * HOUR, T0 + 4 * HOUR)).as("through the chunk querier")
                    .isEqualTo(model.expected(T0 + 3 * HOUR, T0 + 4 * HOUR));
        }
        assertThat(Segments.list(dir.resolve("wbl"))).isNotEmpty();
        for (int reopen = 0; reopen < 2; reopen++) {
            try (Db db = Db.open(dir, options(4 * HOUR))) {
                assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).as("reopen %d", reopen)
                        .isEqualTo(model.expected(T0, T0 + 6 * HOUR));
                assertThat(db.head().minOooTime()).isEqualTo(T0 + 2 * HOUR + 30_000);
                assertThat(db.head().stats().wblReplayUnknownRefs()).isZero();
                long[] held = {0};
                db.head().series.forEach(s -> held[0] += s.oooSampleCount());
                assertThat(held[0]).as("no late sample replayed twice (reopen %d)", reopen).isEqualTo(late);
                assertThat(db.head().stats().outOfOrderSamples()).as("WAL replay counts no late sample as rejected")
                        .isZero();
            }
        }
        try (Db db = Db.open(dir, options(0))) {
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).as("an existing WBL is replayed with the window off")
                    .isEqualTo(model.expected(T0, T0 + 6 * HOUR));
        }
    }

    /**
     * A process killed after a commit's WAL write but before its WBL write (the WBL is written after the in-memory
     * apply, as Prometheus does) used to come back with the commit's in-order samples only: a commit torn in two,
     * seen by DbCrashTest as a missing late sample right before the newest one. The WAL record now holds the late
     * samples too, and open restores those of the last commit that the WBL lacks, logging them to the WBL so they
     * survive the next crash as well.
     */
    @Test
    void aCommitWhoseWblWriteWasLostComesBackWhole() throws Exception {
        DbModel model = new DbModel();
        long t = T0 + 3 * HOUR;
        Map<Path, byte[]> wblBeforeLastCommit;
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            model.fill(db, 3, T0 + 2 * HOUR, t, MIN);
            commitInOrderAndLate(db, model, t);
            wblBeforeLastCommit = contents(dir.resolve("wbl"));
            commitInOrderAndLate(db, model, t + MIN);
        }
        // What SIGKILL between the two writes leaves: the WAL holds the last commit, the WBL does not.
        restore(dir.resolve("wbl"), wblBeforeLastCommit);
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).as("the torn commit is whole again")
                    .isEqualTo(model.expected(T0, T0 + 6 * HOUR));
            long[] held = {0};
            db.head().series.forEach(s -> held[0] += s.oooSampleCount());
            assertThat(held[0]).as("late samples held once").isEqualTo(2 * 3);
            commitInOrderAndLate(db, model, t + 2 * MIN);
        }
        // The restored samples went to the WBL: they survive once the torn commit is no longer the WAL's last.
        for (long window : new long[] {4 * HOUR, 0}) {
            try (Db db = Db.open(dir, options(window))) {
                assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).as("window %d", window)
                        .isEqualTo(model.expected(T0, T0 + 6 * HOUR));
                long[] held = {0};
                db.head().series.forEach(s -> held[0] += s.oooSampleCount());
                assertThat(held[0]).as("late samples held once, window %d", window).isEqualTo(3 * 3);
            }
        }
    }

    /** One commit, as DbCrashChild's: every series at {@code t}, then each half a minute late. */
    private static void commitInOrderAndLate(Db db, DbModel model, long t) {
        Appender app = db.appender();
        for (long at : new long[] {t, t - MIN / 2}) {
            for (int i = 0; i < 3; i++) {
                double v = at / 1000.0 + i;
                app.append(0, DbModel.series(i), at, v);
                model.series.computeIfAbsent(DbModel.series(i), k -> new TreeMap<>()).put(at, v);
            }
        }
        app.commit();
    }

    private static Map<Path, byte[]> contents(Path dir) throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        for (Segments.Ref r : Segments.list(dir)) {
            out.put(r.path(), Files.readAllBytes(r.path()));
        }
        return out;
    }

    private static void restore(Path dir, Map<Path, byte[]> contents) throws IOException {
        for (Segments.Ref r : Segments.list(dir)) {
            if (!contents.containsKey(r.path())) {
                Files.delete(r.path());
            }
        }
        for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
            Files.write(e.getKey(), e.getValue());
        }
    }

    @Test
    void outOfOrderCompactionWritesOneBlockPerRangeThenMergesOverlaps() throws Exception {
        DbModel model;
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            model = fillWithLateSamples(db, T0 + HOUR + 30 * MIN, T0 + 5 * HOUR + 20 * MIN);
            assertThat(db.compactOutOfOrderHead()).isEqualTo(3);
            List<Block> blocks = db.blocks();
            assertThat(blocks).extracting(Block::minTime).containsExactly(T0, T0 + 2 * HOUR, T0 + 4 * HOUR);
            for (Block b : blocks) {
                assertThat(b.maxTime()).isEqualTo(b.minTime() + 2 * HOUR);
                assertThat(b.meta().compaction().hints()).containsExactly(BlockMeta.HINT_FROM_OUT_OF_ORDER);
                assertThat(read(b)).as("block %s", b.ulid()).isEqualTo(late(model, b.minTime(), b.maxTime() - 1));
            }
            assertThat(db.head().minOooTime()).as("compacted samples leave the head").isEqualTo(Long.MAX_VALUE);
            assertThat(db.head().maxOooTime()).isEqualTo(Long.MIN_VALUE);
            assertThat(Segments.list(dir.resolve("wbl"))).as("older WBL segments are deleted").hasSize(1);
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));

            assertThat(db.compact()).isGreaterThanOrEqualTo(2);
            List<Block> after = db.blocks();
            for (int i = 1; i < after.size(); i++) {
                assertThat(after.get(i).minTime()).as("no overlap after vertical compaction")
                        .isGreaterThanOrEqualTo(after.get(i - 1).maxTime());
            }
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
            Map<Labels, List<Sample>> inBlocks = new HashMap<>();
            for (Block b : after) {
                read(b).forEach((l, s) -> inBlocks.merge(l, s, (x, y) -> {
                    List<Sample> all = new ArrayList<>(x);
                    all.addAll(y);
                    return all;
                }));
            }
            Map<Labels, List<Sample>> want = model.expected(T0, T0 + 4 * HOUR - 1);
            late(model, T0 + 4 * HOUR, T0 + 6 * HOUR).forEach((l, s) -> want.get(l).addAll(s));
            assertThat(inBlocks).as("blocks hold every sample before the head's range and the late ones, once")
                    .isEqualTo(want);
        }
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).as("after reopening")
                    .isEqualTo(model.expected(T0, T0 + 6 * HOUR));
        }
    }

    @Test
    void aCompactionCycleCompactsTheOutOfOrderHeadAfterTheHead() throws Exception {
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            DbModel model = fillWithLateSamples(db, T0 + HOUR + 30 * MIN, T0 + 3 * HOUR);
            db.compact();
            assertThat(db.head().minOooTime()).isEqualTo(Long.MAX_VALUE);
            assertThat(db.blocks()).extracting(Block::minTime).containsExactly(T0, T0 + 2 * HOUR);
            assertThat(db.blocks().get(0).meta().compaction().hints()).containsExactly(
                    BlockMeta.HINT_FROM_OUT_OF_ORDER);
            assertThat(db.blocks().get(1).meta().compaction().level()).as("head block merged with late block")
                    .isEqualTo(2);
            assertThat(db.blocks().get(1).meta().compaction().hints()).as("not only out-of-order any more").isEmpty();
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
        }
    }

    @Test
    void mergingOnlyOutOfOrderBlocksKeepsTheHint() throws Exception {
        try (Db db = Db.open(dir, options(4 * HOUR))) {
            DbModel model = new DbModel();
            model.fill(db, 2, T0 + 2 * HOUR, T0 + 4 * HOUR, MIN);
            long inOrderChunks = db.stats().headChunks();
            for (long offset : new long[] {20_000, 40_000}) {
                Appender app = db.appender();
                for (long t = T0 + HOUR + offset; t < T0 + 2 * HOUR; t += MIN) {
                    app.append(0, DbModel.series(0), t, offset);
                    model.series.get(DbModel.series(0)).put(t, (double) offset);
                }
                app.commit();
                assertThat(db.stats().headChunks()).as("60 late samples: one cut, one open chunk")
                        .isEqualTo(inOrderChunks + 2);
                assertThat(db.compactOutOfOrderHead()).isEqualTo(1);
                assertThat(db.stats().headChunks()).isEqualTo(inOrderChunks);
            }
            assertThat(db.blocks()).hasSize(2);
            db.compact();
            assertThat(db.blocks()).hasSize(1);
            BlockMeta m = db.blocks().get(0).meta();
            assertThat(m.compaction().level()).isEqualTo(2);
            assertThat(m.compaction().hints()).containsExactly(BlockMeta.HINT_FROM_OUT_OF_ORDER);
            assertThat(m.stats().numSamples()).isEqualTo(120);
            assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
        }
    }

    @Test
    void outOfOrderBlockPassesPromtool() throws Exception {
        Promtool.binary();
        Path data = dir.resolve("data");
        BlockMeta meta;
        long samples;
        try (Db db = Db.open(data, options(4 * HOUR))) {
            DbModel model = fillWithLateSamples(db, T0 + HOUR + 30 * MIN, T0 + 2 * HOUR);
            db.compactOutOfOrderHead();
            assertThat(db.blocks()).hasSize(1);
            meta = db.blocks().get(0).meta();
            samples = late(model, T0, T0 + 2 * HOUR - 1).values().stream().mapToLong(List::size).sum();
        }
        assertThat(meta.stats().numSamples()).isEqualTo(samples);
        Promtool.Result analyze = Promtool.run(dir, "tsdb", "analyze", data.toString(), meta.ulid().toString());
        assertThat(analyze.exitCode()).as("analyze stderr: %s", analyze.stderr()).isZero();
        assertThat(analyze.stdout()).contains("Block ID: " + meta.ulid()).contains("Series: 3");
        Promtool.Result dump = Promtool.run(dir, "tsdb", "dump", "--min-time=" + meta.minTime(),
                "--max-time=" + (meta.maxTime() - 1), data.toString());
        assertThat(dump.exitCode()).as("dump stderr: %s", dump.stderr()).isZero();
        assertThat(dump.stdout().lines().filter(l -> !l.isBlank()).count()).isEqualTo(samples);
    }

    /**
     * Prometheus reads what we leave behind: the WBL (samples and m-map markers) and the out-of-order chunks in
     * {@code chunks_head/}. Debian's Prometheus 2.42 opens our data directory and returns every sample.
     */
    @Test
    void prometheusReadsOurWblAndOutOfOrderChunks() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        Path data = dir.resolve("data");
        DbModel model;
        try (Db db = Db.open(data, options(4 * HOUR))) {
            model = fillWithLateSamples(db, T0 + 2 * HOUR, T0 + 5 * HOUR);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "storage:\n  tsdb:\n    out_of_order_time_window: 4h\nscrape_configs: []\n");
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Map<Labels, List<Sample>> got = new HashMap<>();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String url = "http://127.0.0.1:" + port + "/api/v1/query?time=" + (T0 + 6 * HOUR) / 1000
                    + "&query=" + URLEncoder.encode("{__name__=~\"m.+\"}[5h]", StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            JsonNode r;
            while ((r = get(http, url)) == null) {
                assertThat(System.nanoTime()).as("prometheus ready within 90 s; log in %s", dir).isLessThan(deadline);
                Thread.onSpinWait();
            }
            for (JsonNode series : r.path("data").path("result")) {
                Map<String, String> labels = new TreeMap<>();
                series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                List<Sample> l = new ArrayList<>();
                for (JsonNode v : series.path("values")) {
                    l.add(Sample.of(Math.round(v.get(0).asDouble() * 1000), Double.parseDouble(v.get(1).asText())));
                }
                got.put(Labels.fromMap(labels), l);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        assertThat(got).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
    }

    /**
     * And we read what Prometheus leaves behind: it scrapes a target whose explicit timestamps go back one second
     * per scrape (out of order, within its 30 m window), so its WAL and WBL hold late samples; our Db opened on
     * that directory returns the same samples as its API did.
     */
    @Test
    void weReadPrometheusWblAfterItIngestedLateSamples() throws Exception {
        Path prometheus = ReferencePeer.require("prometheus");
        Path data = dir.resolve("data");
        long base = System.currentTimeMillis() / 1000 * 1000 - 10 * MIN;
        int scrapes = 6;
        AtomicInteger served = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", ex -> {
            int k = Math.min(served.getAndIncrement(), scrapes - 1); // then the same samples again: ignored
            StringBuilder b = new StringBuilder("# TYPE late gauge\n");
            for (int i = 0; i < 3; i++) {
                b.append("late{s=\"").append(i).append("\"} ").append(k * 10 + i).append(' ')
                        .append(base - k * 1000L).append('\n');
            }
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        target.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nstorage:\n  tsdb:\n"
                + "    out_of_order_time_window: 30m\nscrape_configs:\n  - job_name: late\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + target.getAddress().getPort() + "']\n");
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Map<Labels, List<Sample>> fromApi = new HashMap<>();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String url = "http://127.0.0.1:" + port + "/api/v1/query?query="
                    + URLEncoder.encode("late[1h]", StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                JsonNode r = get(http, url);
                JsonNode res = r == null ? null : r.path("data").path("result");
                if (res != null && res.size() == 3 && res.get(0).path("values").size() == scrapes) {
                    for (JsonNode series : res) {
                        Map<String, String> labels = new TreeMap<>();
                        series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(),
                                e.getValue().asText()));
                        labels.put("__name__", "late");
                        List<Sample> l = new ArrayList<>();
                        for (JsonNode v : series.path("values")) {
                            l.add(Sample.of(Math.round(v.get(0).asDouble() * 1000),
                                    Double.parseDouble(v.get(1).asText())));
                        }
                        fromApi.put(Labels.fromMap(labels), l);
                    }
                    break;
                }
                assertThat(System.nanoTime()).as("%d late samples scraped within 90 s; log in %s", scrapes, dir)
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            target.stop(0);
        }
        assertThat(Segments.list(data.resolve("wbl"))).as("Prometheus wrote a WBL").isNotEmpty();
        try (Db db = Db.open(data, options(30 * MIN))) {
            try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(Samples.read(q, Matcher.equal("__name__", "late"))).isEqualTo(fromApi);
            }
            assertThat(db.head().stats().outOfOrderSamplesAppended()).isZero();
            assertThat(db.head().stats().outOfOrderSamples()).as("late samples in its WAL are not rejections")
                    .isZero();
            assertThat(db.head().minOooTime()).isEqualTo(base - (scrapes - 1) * 1000L);
        }
    }

    private static JsonNode get(HttpClient http, String url) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException notUpYet) {
            return null;
        }
    }

    @Test
    void windowChangesAtRuntimeFromZero() throws Exception {
        Labels a = DbModel.series(0);
        try (Db db = Db.open(dir, options(0))) {
            Appender app = db.appender();
            app.append(0, a, T0 + HOUR, 1);
            app.commit();
            assertThatThrownBy(() -> app.append(0, a, T0 + HOUR - MIN, 2)).isSameAs(SampleRejection.OUT_OF_ORDER);
            app.rollback();
            assertThat(dir.resolve("wbl")).doesNotExist();
            db.setOutOfOrderTimeWindow(30 * MIN);
            assertThat(dir.resolve("wbl")).isDirectory();
            app.append(0, a, T0 + HOUR - MIN, 2);
            assertThatThrownBy(() -> app.append(0, a, T0 + 30 * MIN - 1, 3)).isSameAs(SampleRejection.TOO_OLD);
            app.commit();
            assertThat(db.stats().outOfOrderSamplesAppended()).isEqualTo(1);
            assertThat(db.stats().tooOldSamples()).isEqualTo(1);
            assertThat(db.stats().outOfOrderSamples()).isEqualTo(1);
            assertThat(db.stats().outOfOrderTimeWindowSeconds()).isEqualTo(1800.0);
        }
        try (Db db = Db.open(dir, options(0))) {
            assertThat(read(db, a)).containsExactly(Sample.of(T0 + HOUR - MIN, 2), Sample.of(T0 + HOUR, 1));
            Appender app = db.appender();
            assertThatThrownBy(() -> app.append(0, a, T0 + HOUR - 2 * MIN, 4)).isSameAs(SampleRejection.OUT_OF_ORDER);
            app.rollback();
        }
    }

    private static List<Sample> read(Db db, Labels l) {
        try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Samples.read(q, Matcher.equal("instance", l.get("instance"))).get(l);
        }
    }

    /** A head-only Db's chunks over {@code [mint, maxt]}: in time order, not overlapping, decoded. */
    private static Map<Labels, List<Sample>> readChunks(Db db, long mint, long maxt) {
        Map<Labels, List<Sample>> out = new HashMap<>();
        try (ChunkQuerier q = db.chunkQuerier(mint, maxt)) {
            ChunkSeriesSet set = q.select(true, null, Matcher.regex("__name__", ".+"));
            while (set.next()) {
                List<Sample> l = new ArrayList<>();
                ChunkIterator it = set.at().iterator(null);
                while (it.next()) {
                    assertThat(l.isEmpty() || it.minTime() > l.get(l.size() - 1).t()).isTrue();
                    SampleIterator s = Chunks.of(it.chunk()).iterator(null);
                    while (s.next() != SampleType.NONE) {
                        l.add(Sample.of(s.atT(), s.atV()));
                    }
                }
                out.put(set.at().labels(), l);
            }
        }
        return out;
    }

    private static Map<Labels, List<Sample>> read(Block b) {
        try (Querier q = b.querier(b.minTime(), b.maxTime() - 1)) {
            Map<Labels, List<Sample>> got = new HashMap<>(Samples.read(q, Matcher.regex("__name__", ".+")));
            got.values().removeIf(List::isEmpty);
            return got;
        }
    }

    /** The model's late samples (at half minutes) in {@code [mint, maxt]}. */
    private static Map<Labels, List<Sample>> late(DbModel model, long mint, long maxt) {
        Map<Labels, List<Sample>> all = model.expected(mint, maxt);
        all.values().forEach(l -> l.removeIf(s -> s.t() % MIN == 0));
        all.values().removeIf(List::isEmpty);
        return all;
    }
}
