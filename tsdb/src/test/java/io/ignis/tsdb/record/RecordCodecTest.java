package io.ignis.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.model.StaleNaN;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.encoding.EncodeBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Golden bytes written by hand from Prometheus's record.go, checked in both directions. */
class RecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private final RecordDecoder decoder = new RecordDecoder();
    private final EncodeBuffer buf = new EncodeBuffer();

    private static byte[] hex(String... parts) {
        return HEX.parseHex(String.join("", parts));
    }

    private byte[] encoded() {
        return java.util.Arrays.copyOf(buf.array(), buf.len());
    }

    @Test
    void series() {
        byte[] golden = hex("01", "0000000000000005", "02", "08", "5f5f6e616d655f5f", "02", "7570", "03", "6a6f62",
                "01", "78", "0000000000000006", "00");
        SeriesBatch in = new SeriesBatch();
        in.add(5, Labels.of("job", "x", "__name__", "up"));
        in.add(6, Labels.EMPTY);
        RecordEncoder.series(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        SeriesBatch out = new SeriesBatch();
        decoder.series(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(2);
        assertThat(out.ref(0)).isEqualTo(5);
        assertThat(out.labels(0)).isEqualTo(Labels.of("__name__", "up", "job", "x"));
        assertThat(out.ref(1)).isEqualTo(6);
        assertThat(out.labels(1)).isEqualTo(Labels.EMPTY);
    }

    @Test
    void samplesUseSignedDeltasFromTheFirstIncludingItself() {
        byte[] golden = hex("02", "000000000000000a", "00000000000003e8",
                "00", "00", "3ff0000000000000",
                "01", "02", "4004000000000000",
                "04", "13", "8000000000000000",
                "00", "02", "7ff0000000000002");
        SampleBatch in = new SampleBatch(1);
        in.add(10, 1000, 1.0);
        in.add(9, 1001, 2.5);
        in.add(12, 990, -0.0);
        in.add(10, 1001, StaleNaN.VALUE);
        RecordEncoder.samples(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        SampleBatch out = new SampleBatch(1);
        decoder.samples(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(out.ref(i)).isEqualTo(in.ref(i));
            assertThat(out.t(i)).isEqualTo(in.t(i));
            assertThat(Double.doubleToRawLongBits(out.v(i))).isEqualTo(Double.doubleToRawLongBits(in.v(i)));
        }
    }

    @Test
    void samplesV2AreReadWithoutTheirStartTimestamps() {
        byte[] golden = hex("0b", "0a", "d00f", "00", "3ff0000000000000",
                "02", "1e", "00", "4000000000000000",
                "01", "3c", "02", "0e", "4008000000000000",
                "00", "5a", "01", "4010000000000000");
        SampleBatch out = new SampleBatch(1);
        decoder.samples(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(4);
        long[][] want = {{5, 1000}, {6, 1015}, {5, 1030}, {5, 1045}};
        for (int i = 0; i < 4; i++) {
            assertThat(new long[] {out.ref(i), out.t(i)}).containsExactly(want[i]);
            assertThat(out.v(i)).isEqualTo(i + 1.0);
        }
        byte[] badMarker = hex("0b", "0a", "d00f", "00", "3ff0000000000000", "02", "1e", "07", "4000000000000000");
        assertThatThrownBy(() -> decoder.samples(badMarker, badMarker.length, new SampleBatch()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("invalid start timestamp marker 7");
    }

    @Test
    void emptySamplesRecordIsOneByte() {
        RecordEncoder.samples(new SampleBatch(), buf);
        assertThat(encoded()).containsExactly(2);
        SampleBatch out = new SampleBatch();
        decoder.samples(encoded(), 1, out);
        assertThat(out.size()).isZero();
    }

    @Test
    void tombstones() {
        byte[] golden = hex("03", "0000000000000007", "09", "d804");
        TombstoneBatch in = new TombstoneBatch();
        in.add(7, -5, 300);
        RecordEncoder.tombstones(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        TombstoneBatch out = new TombstoneBatch();
        decoder.tombstones(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(new long[] {out.ref(0), out.mint(0), out.maxt(0)}).containsExactly(7, -5, 300);
    }

    @Test
    void mmapMarkers() {
        byte[] golden = hex("05", "0000000000000007", "0000000100000008", "0000000000000009", "0000000200000010");
        MmapMarkerBatch in = new MmapMarkerBatch();
        in.add(7, (1L << 32) | 8);
        in.add(9, (2L << 32) | 16);
        RecordEncoder.mmapMarkers(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        MmapMarkerBatch out = new MmapMarkerBatch();
        decoder.mmapMarkers(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(2);
        assertThat(new long[] {out.ref(0), out.mmapRef(0), out.ref(1), out.mmapRef(1)})
                .containsExactly(7, (1L << 32) | 8, 9, (2L << 32) | 16);
        assertThat(RecordType.of(golden, golden.length)).isEqualTo(RecordType.MMAP_MARKERS);
    }

    @Test
    void exemplars() {
        byte[] golden = hex("04", "0000000000000003", "0000000000000064", "00", "00", "3ff0000000000000",
                "01", "08", "74726163655f6964", "03", "616263");
        ExemplarBatch in = new ExemplarBatch();
        in.add(3, 100, 1.0, Labels.of("trace_id", "abc"));
        RecordEncoder.exemplars(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        ExemplarBatch out = new ExemplarBatch();
        decoder.exemplars(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.ref(0)).isEqualTo(3);
        assertThat(out.t(0)).isEqualTo(100);
        assertThat(out.v(0)).isEqualTo(1.0);
        assertThat(out.labels(0)).isEqualTo(Labels.of("trace_id", "abc"));
    }

    @Test
    void metadata() {
        byte[] golden = hex("06", "ac02", "01", "02", "04", "554e4954", "01", "73", "04", "48454c50", "02", "6869");
        MetadataBatch in = new MetadataBatch();
        in.add(300, new MetricMetadata(MetricType.COUNTER, "s", "hi"));
        RecordEncoder.metadata(in, buf);
        assertThat(HEX.formatHex(encoded())).isEqualTo(HEX.formatHex(golden));
        MetadataBatch out = new MetadataBatch();
        decoder.metadata(golden, golden.length, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.ref(0)).isEqualTo(300);
        assertThat(out.metadata(0)).isEqualTo(new MetricMetadata(MetricType.COUNTER, "s", "hi"));
    }

    @Test
    void metadataSkipsUnknownFields() {
        byte[] golden = hex("06", "01", "02", "03", "04", "554e4954", "01", "73", "01", "58", "01", "79", "04",
                "48454c50", "00");
        MetadataBatch out = new MetadataBatch();
        decoder.metadata(golden, golden.length, out);
        assertThat(out.metadata(0)).isEqualTo(new MetricMetadata(MetricType.GAUGE, "s", ""));
    }

    @Test
    void everyMetricTypeRoundTrips() {
        MetadataBatch in = new MetadataBatch();
        for (MetricType t : MetricType.values()) {
            in.add(t.ordinal(), new MetricMetadata(t, "", ""));
        }
        RecordEncoder.metadata(in, buf);
        MetadataBatch out = new MetadataBatch();
        decoder.metadata(encoded(), buf.len(), out);
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.metadata(i)).isEqualTo(in.metadata(i));
        }
    }

    @Test
    void randomSamplesRoundTrip() {
        long seed = Long.getLong("tests.seed", 7L);
        Random rnd = new Random(seed);
        SampleBatch in = new SampleBatch();
        for (int i = 0; i < 5000; i++) {
            in.add(rnd.nextLong(), rnd.nextLong(), Double.longBitsToDouble(rnd.nextLong()));
        }
        RecordEncoder.samples(in, buf);
        SampleBatch out = new SampleBatch();
        decoder.samples(encoded(), buf.len(), out);
        assertThat(out.size()).as("seed %d", seed).isEqualTo(in.size());
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.ref(i)).isEqualTo(in.ref(i));
            assertThat(out.t(i)).isEqualTo(in.t(i));
            assertThat(Double.doubleToRawLongBits(out.v(i))).isEqualTo(Double.doubleToRawLongBits(in.v(i)));
        }
    }

    @Test
    void rejectsWrongTypeAndTruncation() {
        byte[] series = hex("01", "0000000000000005", "00");
        assertThatThrownBy(() -> decoder.samples(series, series.length, new SampleBatch()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("invalid record type 1 (series)");
        byte[] truncated = hex("02", "000000000000000a", "00000000000003e8", "00", "00", "3ff0");
        assertThatThrownBy(() -> decoder.samples(truncated, truncated.length, new SampleBatch()))
                .isInstanceOf(DecodeException.class);
        assertThat(RecordType.of(new byte[0], 0)).isEqualTo(RecordType.UNKNOWN);
        assertThat(RecordType.of(new byte[] {42}, 1)).isEqualTo(RecordType.UNKNOWN);
        assertThat(RecordType.of(new byte[] {7}, 1)).isEqualTo(RecordType.HISTOGRAM_SAMPLES);
    }
}
