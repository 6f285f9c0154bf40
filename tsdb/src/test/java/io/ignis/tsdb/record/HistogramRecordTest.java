package io.ignis.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;
import io.ignis.model.Span;
import io.ignis.tsdb.encoding.DecodeException;
import io.ignis.tsdb.encoding.EncodeBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Histogram records 7 to 10 (and reading 12): golden bytes written by hand from Prometheus's record.go. */
class HistogramRecordTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Span[] NONE = new Span[0];

    /** hint, schema 1, zero threshold 0.001, zero count 2, count 12, sum 18.4, spans {0,2},{1,2}, deltas 1,1,-1,0. */
    private static final String H1_AFTER_HINT = "02" + "3f50624dd2f1a9fc" + "02" + "0c" + "4032666666666666"
            + "02" + "0002" + "0202" + "00" + "04" + "02020100" + "00";
    /** hint 0, schema -53, zero threshold 0, count 3, sum 1.5, span {0,2}, deltas 1,1, bounds [0.5]. */
    private static final String CUSTOM = "00" + "69" + "0000000000000000" + "00" + "03" + "3ff8000000000000"
            + "01" + "0002" + "00" + "02" + "0202" + "00" + "01" + "3fe0000000000000";
    /** Counter reset, schema 0, zero threshold 0.001, zero count 1.5, count 4, sum -2, +{-1,1}=2.5, -{2,1}=0. */
    private static final String FLOAT = "01" + "00" + "3f50624dd2f1a9fc" + "3ff8000000000000" + "4010000000000000"
            + "c000000000000000" + "01" + "0101" + "01" + "0401" + "01" + "4004000000000000" + "01"
            + "0000000000000000";

    private final RecordDecoder decoder = new RecordDecoder();
    private final EncodeBuffer buf = new EncodeBuffer();

    private static Histogram h1(CounterResetHint hint) {
        return new Histogram(hint, 1, 0.001, 2, 12, 18.4, new Span[] {new Span(0, 2), new Span(1, 2)},
                new long[] {1, 1, -1, 0}, NONE, new long[0], new double[0]);
    }

    private static Histogram custom() {
        return new Histogram(CounterResetHint.UNKNOWN, Histogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, 3, 1.5,
                new Span[] {new Span(0, 2)}, new long[] {1, 1}, NONE, new long[0], new double[] {0.5});
    }

    private static FloatHistogram floatHistogram() {
        return new FloatHistogram(CounterResetHint.COUNTER_RESET, 0, 0.001, 1.5, 4, -2, new Span[] {new Span(-1, 1)},
                new double[] {2.5}, new Span[] {new Span(2, 1)}, new double[] {0}, new double[0]);
    }

    private static byte[] hex(String... parts) {
        return HEX.parseHex(String.join("", parts));
    }

    private String encoded() {
        return HEX.formatHex(Arrays.copyOf(buf.array(), buf.len()));
    }

    @Test
    void histogramSamplesDeltaFromTheFirstEntry() {
        String golden = "07" + "0000000000000005" + "00000000000003e8" + "0000" + "02" + H1_AFTER_HINT
                + "03" + "13" + "03" + H1_AFTER_HINT;
        HistogramBatch in = new HistogramBatch();
        in.add(5, 1000, h1(CounterResetHint.NOT_COUNTER_RESET));
        in.add(3, 990, h1(CounterResetHint.GAUGE));
        RecordEncoder.histogramSamples(in, buf);
        assertThat(encoded()).isEqualTo(golden);
        RecordEncoder.customBucketsHistogramSamples(in, buf);
        assertThat(buf.len()).as("no custom-buckets record without custom buckets").isZero();

        HistogramBatch out = new HistogramBatch();
        decoder.histogramSamples(hex(golden), golden.length() / 2, out);
        assertSame(in, out);
    }

    @Test
    void customBucketsGoToTheirOwnRecordTheFirstEntryStillHeadingType7() {
        HistogramBatch in = new HistogramBatch();
        in.add(7, 2000, custom());
        in.add(5, 1000, h1(CounterResetHint.NOT_COUNTER_RESET));
        RecordEncoder.histogramSamples(in, buf);
        assertThat(encoded()).isEqualTo("07" + "0000000000000007" + "00000000000007d0" + "03" + "cf0f" + "02"
                + H1_AFTER_HINT);
        String golden9 = "09" + "0000000000000007" + "00000000000007d0" + "0000" + CUSTOM;
        RecordEncoder.customBucketsHistogramSamples(in, buf);
        assertThat(encoded()).isEqualTo(golden9);

        HistogramBatch out = new HistogramBatch();
        decoder.histogramSamples(hex(golden9), golden9.length() / 2, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.ref(0)).isEqualTo(7);
        assertThat(out.t(0)).isEqualTo(2000);
        assertThat(out.histogram(0)).usingRecursiveComparison().isEqualTo(custom());
    }

    @Test
    void onlyCustomBucketsLeaveType7Empty() {
        HistogramBatch in = new HistogramBatch();
        in.add(7, 2000, custom());
        RecordEncoder.histogramSamples(in, buf);
        assertThat(buf.len()).isZero();
        FloatHistogramBatch fin = new FloatHistogramBatch();
        fin.add(7, 2000, toFloat(custom()));
        RecordEncoder.floatHistogramSamples(fin, buf);
        assertThat(buf.len()).isZero();
        RecordEncoder.customBucketsFloatHistogramSamples(fin, buf);
        assertThat(buf.array()[0]).isEqualTo((byte) RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES);
        FloatHistogramBatch out = new FloatHistogramBatch();
        decoder.floatHistogramSamples(buf.array(), buf.len(), out);
        assertThat(out.histogram(0)).usingRecursiveComparison().isEqualTo(fin.histogram(0));
    }

    @Test
    void floatHistogramSamples() {
        String golden = "08" + "0000000000000001" + "ffffffffffffffff" + "0000" + FLOAT;
        FloatHistogramBatch in = new FloatHistogramBatch();
        in.add(1, -1, floatHistogram());
        RecordEncoder.floatHistogramSamples(in, buf);
        assertThat(encoded()).isEqualTo(golden);
        FloatHistogramBatch out = new FloatHistogramBatch();
        decoder.floatHistogramSamples(hex(golden), golden.length() / 2, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.ref(0)).isEqualTo(1);
        assertThat(out.t(0)).isEqualTo(-1);
        assertThat(out.histogram(0)).usingRecursiveComparison().isEqualTo(floatHistogram());
    }

    @Test
    void v2RecordsAreReadWithoutStartTimestamps() {
        String golden = "0c" + "0a" + "d00f" + "00" + "02" + H1_AFTER_HINT
                + "02" + "1e" + "02" + "06" + "02" + H1_AFTER_HINT
                + "01" + "3c" + "01" + "02" + H1_AFTER_HINT;
        HistogramBatch out = new HistogramBatch();
        decoder.histogramSamples(hex(golden), golden.length() / 2, out);
        assertThat(out.size()).isEqualTo(3);
        assertThat(new long[] {out.ref(0), out.t(0), out.ref(1), out.t(1), out.ref(2), out.t(2)})
                .containsExactly(5, 1000, 6, 1015, 5, 1030);
        assertThat(out.histogram(2)).usingRecursiveComparison().isEqualTo(h1(CounterResetHint.NOT_COUNTER_RESET));

        String float2 = "0d" + "0a" + "d00f" + "00" + FLOAT;
        FloatHistogramBatch fout = new FloatHistogramBatch();
        decoder.floatHistogramSamples(hex(float2), float2.length() / 2, fout);
        assertThat(fout.histogram(0)).usingRecursiveComparison().isEqualTo(floatHistogram());
    }

    @Test
    void unknownSchemasAreSkipped() {
        String schema60 = "02" + "78" + H1_AFTER_HINT.substring(2);
        String golden = "07" + "0000000000000005" + "00000000000003e8" + "0000" + schema60 + "0202" + "02"
                + H1_AFTER_HINT;
        HistogramBatch out = new HistogramBatch();
        decoder.histogramSamples(hex(golden), golden.length() / 2, out);
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.ref(0)).isEqualTo(6);
        assertThat(out.t(0)).isEqualTo(1001);
    }

    @Test
    void malformedRecordsFailWithTheirOffset() {
        byte[] truncated = hex("07", "0000000000000005", "00000000000003e8", "0000", "02", "02", "3f50");
        assertThatThrownBy(() -> decoder.histogramSamples(truncated, truncated.length, new HistogramBatch()))
                .isInstanceOf(DecodeException.class);
        byte[] hugeArray = hex("07", "0000000000000005", "00000000000003e8", "0000", "02", "02", "3f50624dd2f1a9fc",
                "02", "0c", "4032666666666666", "ffffffff0f");
        assertThatThrownBy(() -> decoder.histogramSamples(hugeArray, hugeArray.length, new HistogramBatch()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("invalid histogram array length 4294967295");
        byte[] badHint = hex("08", "0000000000000001", "0000000000000001", "0000", "07");
        assertThatThrownBy(() -> decoder.floatHistogramSamples(badHint, badHint.length, new FloatHistogramBatch()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("counter reset hint 7");
        byte[] samples = hex("02");
        assertThatThrownBy(() -> decoder.histogramSamples(samples, 1, new HistogramBatch()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("expected 7 (histogram samples)");
    }

    @Test
    void randomHistogramsRoundTrip() {
        long seed = Long.getLong("tests.seed", 11L);
        Random rnd = new Random(seed);
        HistogramBatch in = new HistogramBatch();
        FloatHistogramBatch fin = new FloatHistogramBatch();
        for (int i = 0; i < 300; i++) {
            Histogram h = randomHistogram(rnd);
            in.add(rnd.nextLong(), rnd.nextLong(), h);
            fin.add(rnd.nextLong(), rnd.nextLong(), toFloat(h));
        }
        HistogramBatch out = new HistogramBatch();
        RecordEncoder.histogramSamples(in, buf);
        decoder.histogramSamples(buf.array(), buf.len(), out);
        RecordEncoder.customBucketsHistogramSamples(in, buf);
        decoder.histogramSamples(buf.array(), buf.len(), out);
        FloatHistogramBatch fout = new FloatHistogramBatch();
        RecordEncoder.floatHistogramSamples(fin, buf);
        decoder.floatHistogramSamples(buf.array(), buf.len(), fout);
        RecordEncoder.customBucketsFloatHistogramSamples(fin, buf);
        decoder.floatHistogramSamples(buf.array(), buf.len(), fout);
        assertThat(out.size()).as("seed %d", seed).isEqualTo(in.size());
        assertThat(fout.size()).as("seed %d", seed).isEqualTo(fin.size());
        // Exponential ones come first, custom-buckets ones after, each in their original order.
        for (boolean customPass : new boolean[] {false, true}) {
            int o = customPass ? countExponential(in) : 0;
            for (int i = 0; i < in.size(); i++) {
                if ((in.histogram(i).schema() == Histogram.CUSTOM_BUCKETS_SCHEMA) != customPass) {
                    continue;
                }
                assertThat(new long[] {out.ref(o), out.t(o)}).as("seed %d", seed)
                        .containsExactly(in.ref(i), in.t(i));
                assertThat(out.histogram(o)).usingRecursiveComparison().isEqualTo(in.histogram(i));
                assertThat(new long[] {fout.ref(o), fout.t(o)}).containsExactly(fin.ref(i), fin.t(i));
                assertThat(fout.histogram(o++)).usingRecursiveComparison().isEqualTo(fin.histogram(i));
            }
        }
    }

    private static int countExponential(HistogramBatch b) {
        int n = 0;
        for (int i = 0; i < b.size(); i++) {
            n += b.histogram(i).schema() == Histogram.CUSTOM_BUCKETS_SCHEMA ? 0 : 1;
        }
        return n;
    }

    private static Histogram randomHistogram(Random rnd) {
        boolean custom = rnd.nextInt(4) == 0;
        Span[] pos = randomSpans(rnd);
        Span[] neg = custom ? NONE : randomSpans(rnd);
        double[] bounds = custom ? new double[] {rnd.nextDouble(), 1 + rnd.nextDouble()} : new double[0];
        return new Histogram(CounterResetHint.values()[rnd.nextInt(4)],
                custom ? Histogram.CUSTOM_BUCKETS_SCHEMA : rnd.nextInt(13) - 4, rnd.nextDouble(),
                rnd.nextLong(), rnd.nextLong(), rnd.nextGaussian(), pos, randomDeltas(rnd, pos), neg,
                randomDeltas(rnd, neg), bounds);
    }

    private static Span[] randomSpans(Random rnd) {
        Span[] s = new Span[rnd.nextInt(3)];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Span(rnd.nextInt(2000) - 1000, rnd.nextInt(5));
        }
        return s;
    }

    private static long[] randomDeltas(Random rnd, Span[] spans) {
        int n = 0;
        for (Span s : spans) {
            n += s.length();
        }
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextLong();
        }
        return d;
    }

    private static FloatHistogram toFloat(Histogram h) {
        return new FloatHistogram(h.counterResetHint(), h.schema(), h.zeroThreshold(), h.zeroCount(), h.count(),
                h.sum(), h.positiveSpans(), absolute(h.positiveDeltas()), h.negativeSpans(),
                absolute(h.negativeDeltas()), h.customValues());
    }

    private static double[] absolute(long[] deltas) {
        double[] out = new double[deltas.length];
        long acc = 0;
        for (int i = 0; i < deltas.length; i++) {
            acc += deltas[i];
            out[i] = acc;
        }
        return out;
    }

    private static void assertSame(HistogramBatch want, HistogramBatch got) {
        assertThat(got.size()).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(new long[] {got.ref(i), got.t(i)}).containsExactly(want.ref(i), want.t(i));
            assertThat(got.histogram(i)).usingRecursiveComparison().isEqualTo(want.histogram(i));
        }
    }
}
