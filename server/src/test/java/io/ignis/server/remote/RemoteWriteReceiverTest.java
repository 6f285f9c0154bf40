package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.storage.Querier;
import io.ignis.storage.SampleIterator;
import io.ignis.storage.SampleType;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The /api/v1/write handler: negotiation, limits, all-or-nothing 1.0 and partial 2.0 writes. */
class RemoteWriteReceiverTest {
    private final RecordingAppendable storage = new RecordingAppendable();
    private final RemoteWriteReceiver receiver =
            new RemoteWriteReceiver(storage, Set.of(WriteProtocol.V1, WriteProtocol.V2), 4096, 1 << 20);

    static Batch batch(Object... seriesTimeValue) {
        Batch b = new Batch(4);
        for (int i = 0; i < seriesTimeValue.length; i += 3) {
            b.add(Labels.of("__name__", (String) seriesTimeValue[i]), (Long) seriesTimeValue[i + 1],
                    (Double) seriesTimeValue[i + 2], Batch.SAMPLE, null);
        }
        return b;
    }

    static Request post(String contentType, String encoding, byte[] body) {
        Map<String, String> h = new HashMap<>();
        if (contentType != null) {
            h.put("content-type", contentType);
        }
        if (encoding != null) {
            h.put("content-encoding", encoding);
        }
        return new Request("POST", "/api/v1/write", Map.of(), Map.of(), h, body);
    }

    record Case(String name, String contentType, String encoding, byte[] body, int wantStatus, int wantStored) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Batch two = batch("a", 1000L, 1.0, "b", 2000L, 2.0);
        byte[] v1 = WriteRequestEncoder.encode(two, WriteProtocol.V1, n -> null);
        byte[] v2 = WriteRequestEncoder.encode(two, WriteProtocol.V2,
                n -> new MetricMetadata(MetricType.GAUGE, "", "help " + n));
        return Stream.of(
                new Case("v1 bare content type", "application/x-protobuf", "snappy", v1, 204, 2),
                new Case("v1 no content type", null, "snappy", v1, 204, 2),
                new Case("v1 by proto parameter", "application/x-protobuf;proto=prometheus.WriteRequest", "snappy",
                        v1, 204, 2),
                new Case("v2", "application/x-protobuf;proto=io.prometheus.write.v2.Request", null, v2, 204, 2),
                new Case("unknown proto", "application/x-protobuf;proto=foo.Bar", "snappy", v1, 415, 0),
                new Case("json", "application/json", "snappy", v1, 415, 0),
                new Case("gzip", "application/x-protobuf", "gzip", v1, 415, 0),
                new Case("not snappy", "application/x-protobuf", "snappy", new byte[] {1, 2, 3, 4, 5}, 400, 0),
                new Case("too large", "application/x-protobuf", "snappy", new byte[5000], 400, 0),
                new Case("v2 body as v1 proto", "application/x-protobuf;proto=io.prometheus.write.v2.Request",
                        "snappy", WriteRequestEncoder.compress(new byte[] {(byte) 0xff}), 400, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void negotiatesAndStores(Case c) {
        Response r = receiver.handle(post(c.contentType(), c.encoding(), c.body()));
        assertThat(r.status()).as(r.bodyText()).isEqualTo(c.wantStatus());
        assertThat(storage.size()).isEqualTo(c.wantStored());
    }

    @Test
    void v2StoresMetadataAndReportsWrittenCounts() {
        byte[] v2 = WriteRequestEncoder.encode(batch("a", 1000L, 1.0), WriteProtocol.V2,
                n -> new MetricMetadata(MetricType.COUNTER, "seconds", "help " + n));
        Response r = receiver.handle(post(WriteProtocol.V2.contentType(), "snappy", v2));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.headers()).containsEntry(WriteProtocol.SAMPLES_WRITTEN_HEADER, "1");
        assertThat(storage.metadata.get("a")).isEqualTo(new MetricMetadata(MetricType.COUNTER, "seconds", "help a"));
    }

    @Test
    void v1OutOfOrderRollsBackTheWholeRequest() {
        receiver.handle(post(null, "snappy", WriteRequestEncoder.encode(batch("a", 5000L, 1.0), WriteProtocol.V1,
                n -> null)));
        Response r = receiver.handle(post(null, "snappy", WriteRequestEncoder.encode(
                batch("b", 1000L, 1.0, "a", 1000L, 2.0), WriteProtocol.V1, n -> null)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("out of order sample");
        assertThat(storage.points()).extracting(p -> p.labels().metricName()).containsExactly("a");
        assertThat(receiver.rejectedSamples()).isEqualTo(1);
    }

    @Test
    void v2OutOfOrderKeepsTheRestAndAnswers400() {
        receiver.handle(post(null, "snappy", WriteRequestEncoder.encode(batch("a", 5000L, 1.0), WriteProtocol.V1,
                n -> null)));
        Response r = receiver.handle(post(WriteProtocol.V2.contentType(), "snappy", WriteRequestEncoder.encode(
                batch("b", 1000L, 1.0, "a", 1000L, 2.0), WriteProtocol.V2, n -> null)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).startsWith("out of order sample for series {__name__=\"a\"}");
        assertThat(r.headers()).containsEntry(WriteProtocol.SAMPLES_WRITTEN_HEADER, "1");
        assertThat(storage.points()).extracting(p -> p.labels().metricName()).containsExactly("a", "b");
    }

    @Test
    void seriesWithoutNameIsSkippedAndCounted() {
        Batch b = new Batch(1);
        b.add(Labels.of("job", "x"), 1000L, 1.0, Batch.SAMPLE, null);
        Response r = receiver.handle(post(null, "snappy", WriteRequestEncoder.encode(b, WriteProtocol.V1, n -> null)));
        assertThat(r.status()).isEqualTo(204);
        assertThat(storage.size()).isZero();
        assertThat(receiver.samplesWithInvalidLabels()).isEqualTo(1);
    }

    @Test
    void getIsNotAllowed() {
        Response r = receiver.handle(new Request("GET", "/api/v1/write", Map.of(), Map.of(), Map.of(), new byte[0]));
        assertThat(r.status()).isEqualTo(405);
        assertThat(List.of(r.headers().get("Allow"))).containsExactly("POST");
    }

    @Test
    void sampleTooFarAheadIsOutOfBounds() {
        RemoteWriteReceiver r = new RemoteWriteReceiver(storage, Set.of(WriteProtocol.V1), 4096, 1 << 20,
                () -> 1_000_000L);
        Response resp = r.handle(post(null, "snappy", WriteRequestEncoder.encode(
                batch("a", 1_000_000L + RemoteWriteReceiver.MAX_AHEAD_MILLIS + 1, 1.0), WriteProtocol.V1, n -> null)));
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.bodyText()).isEqualTo("out of bounds");
        assertThat(r.handle(post(null, "snappy", WriteRequestEncoder.encode(batch("a",
                1_000_000L + RemoteWriteReceiver.MAX_AHEAD_MILLIS, 1.0), WriteProtocol.V1, n -> null))).status())
                .isEqualTo(204);
    }

    @Test
    void exactDuplicatesAreAcceptedAndConflictingOnesRejectedByTheHead() throws Exception {
        try (Head head = Head.inMemory(HeadOptions.defaults().withStripeSize(16))) {
            RemoteWriteReceiver r = new RemoteWriteReceiver(head, Set.of(WriteProtocol.V1), 4096, 1 << 20,
                    () -> 0L);
            byte[] once = WriteRequestEncoder.encode(batch("a", 1000L, 1.0), WriteProtocol.V1, n -> null);
            assertThat(r.handle(post(null, "snappy", once)).status()).isEqualTo(204);
            assertThat(r.handle(post(null, "snappy", once)).status()).isEqualTo(204);
            Response conflict = r.handle(post(null, "snappy", WriteRequestEncoder.encode(batch("a", 1000L, 2.0),
                    WriteProtocol.V1, n -> null)));
            assertThat(conflict.status()).isEqualTo(400);
            assertThat(conflict.bodyText()).isEqualTo("duplicate sample for timestamp");
            try (Querier q = head.querier(0, 10_000)) {
                SeriesSet set = q.select(false, SelectHints.range(0, 10_000), Matcher.equal("__name__", "a"));
                assertThat(set.next()).isTrue();
                SampleIterator it = set.at().iterator(null);
                assertThat(it.next()).isEqualTo(SampleType.FLOAT);
                assertThat(it.atV()).isEqualTo(1.0);
                assertThat(it.next()).isEqualTo(SampleType.NONE);
            }
        }
    }
}
