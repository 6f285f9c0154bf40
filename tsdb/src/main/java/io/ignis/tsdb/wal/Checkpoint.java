package io.ignis.tsdb.wal;

import io.ignis.model.MetricMetadata;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.ExemplarBatch;
import io.ignis.tsdb.record.FloatHistogramBatch;
import io.ignis.tsdb.record.HistogramBatch;
import io.ignis.tsdb.record.MetadataBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.record.TombstoneBatch;
import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAL checkpoints, as Prometheus's {@code tsdb/wlog/checkpoint.go}: {@code wal/checkpoint.NNNNNNNN/} is a
 * WAL directory (same segment format) condensing the previous checkpoint and segments up to NNNNNNNN to what
 * the head still needs: series still alive, samples, histograms and exemplars at or after the truncation time, live
 * tombstones and the latest metadata per series. Written to {@code checkpoint.NNNNNNNN.tmp} and renamed, so
 * a crash leaves either the old or the new checkpoint.
 */
public final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    static final String PREFIX = "checkpoint.";
    static final String TMP_SUFFIX = ".tmp";

    private Checkpoint() {
    }

    /** A checkpoint directory and the last segment it covers. */
    public record Ref(int index, Path dir) {
    }

    /** What a checkpoint kept of what it read. */
    public record Stats(long seriesTotal, long seriesKept, long samplesTotal, long samplesKept,
                        long tombstonesTotal, long tombstonesKept, long exemplarsTotal, long exemplarsKept) {
    }

    public static Path dir(Path walDir, int index) {
        return walDir.resolve(PREFIX + Segments.name(index));
    }

    /** The newest complete checkpoint of {@code walDir}, or null. */
    public static Ref last(Path walDir) throws IOException {
        Ref best = null;
        for (Ref r : list(walDir)) {
            if (best == null || r.index() > best.index()) {
                best = r;
            }
        }
        return best;
    }

    private static List<Ref> list(Path walDir) throws IOException {
        List<Ref> out = new ArrayList<>();
        if (!Files.isDirectory(walDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, PREFIX + "*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString().substring(PREFIX.length());
                if (Segments.isNumber(n) && Files.isDirectory(p)) {
                    out.add(new Ref(Integer.parseInt(n), p));
                }
            }
        }
        return out;
    }

    /** Deletes checkpoints numbered below {@code index}. */
    public static void deleteBefore(Path walDir, int index) throws IOException {
        for (Ref r : list(walDir)) {
            if (r.index() < index) {
                deleteTree(r.dir());
            }
        }
    }

    /** Deletes {@code checkpoint.*.tmp} directories left by a crash. */
    public static void deleteTemporary(Path walDir) throws IOException {
        if (!Files.isDirectory(walDir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(walDir, PREFIX + "*" + TMP_SUFFIX)) {
            for (Path p : ds) {
                LOG.info("deleting leftover temporary checkpoint dir={}", p);
                deleteTree(p);
            }
        }
    }

    /**
     * Writes {@code checkpoint.<to>} from the last checkpoint and segments {@code [from, to]} of {@code
     * walDir}: series for which {@code keep} holds, samples, exemplars and tombstones of those series at or
     * after {@code mint}, and their latest metadata.
     */
    public static Stats create(Path walDir, int from, int to, LongPredicate keep, long mint) throws IOException {
        List<Segments.Ref> sources = new ArrayList<>();
        Ref prev = last(walDir);
        if (prev != null) {
            if (from > prev.index() + 1) {
                throw new IOException("create checkpoint in " + walDir + ": unexpected gap to last checkpoint "
                        + prev.index() + ", requested segments from " + from);
            }
            from = prev.index() + 1;
        }
        deleteTemporary(walDir);
        Path target = dir(walDir, to);
        Path tmp = walDir.resolve(target.getFileName() + TMP_SUFFIX);
        Files.createDirectories(tmp);
        Filter f = new Filter(keep, mint);
        try {
            try (WalWriter out = WalWriter.open(tmp)) {
                if (prev != null) {
                    f.copy(prev.dir(), Segments.list(prev.dir()), out);
                }
                List<Segments.Ref> segs = new ArrayList<>();
                for (Segments.Ref r : Segments.list(walDir)) {
                    if (r.index() >= from && r.index() <= to) {
                        segs.add(r);
                    }
                }
                f.copy(walDir, segs, out);
                f.writeMetadata(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        return f.stats();
    }

    /** Reads records and writes the kept part of each. */
    private static final class Filter {
        private final LongPredicate keep;
        private final long mint;
        private final RecordDecoder dec = new RecordDecoder();
        private final EncodeBuffer buf = new EncodeBuffer(64 * 1024);
        private final SeriesBatch series = new SeriesBatch();
        private final SeriesBatch seriesOut = new SeriesBatch();
        private final SampleBatch samples = new SampleBatch(4096);
        private final SampleBatch samplesOut = new SampleBatch(4096);
        private final TombstoneBatch stones = new TombstoneBatch();
        private final TombstoneBatch stonesOut = new TombstoneBatch();
        private final ExemplarBatch exemplars = new ExemplarBatch();
        private final ExemplarBatch exemplarsOut = new ExemplarBatch();
        private final MetadataBatch metadata = new MetadataBatch();
        private final HistogramBatch histograms = new HistogramBatch();
        private final HistogramBatch histogramsOut = new HistogramBatch();
        private final FloatHistogramBatch floatHistograms = new FloatHistogramBatch();
        private final FloatHistogramBatch floatHistogramsOut = new FloatHistogramBatch();
        private final Long2ObjectLinkedOpenHashMap<MetricMetadata> latestMetadata =
                new Long2ObjectLinkedOpenHashMap<>();
        private long seriesTotal;
        private long samplesTotal;
        private long stonesTotal;
        private long exemplarsTotal;
        private long seriesKept;
        private long samplesKept;
        private long stonesKept;
        private long exemplarsKept;

        Filter(LongPredicate keep, long mint) {
            this.keep = keep;
            this.mint = mint;
        }

        void copy(Path dir, List<Segments.Ref> segs, WalWriter out) throws IOException {
            try (WalReader r = WalReader.open(dir, segs)) {
                while (r.next()) {
                    filter(r.record(), r.recordLength(), out);
                }
            }
        }

        private void filter(byte[] rec, int len, WalWriter out) throws IOException {
            switch (RecordType.of(rec, len)) {
                case RecordType.SERIES -> {
                    series.clear();
                    seriesOut.clear();
                    dec.series(rec, len, series);
                    for (int i = 0; i < series.size(); i++) {
                        if (keep.test(series.ref(i))) {
                            seriesOut.add(series.ref(i), series.labels(i));
                        }
                    }
                    seriesTotal += series.size();
                    seriesKept += seriesOut.size();
                    if (seriesOut.size() > 0) {
                        RecordEncoder.series(seriesOut, buf);
                        out.log(buf.array(), buf.len(), false);
                    }
                }
                case RecordType.SAMPLES, RecordType.SAMPLES_V2 -> {
                    samples.clear();
                    samplesOut.clear();
                    dec.samples(rec, len, samples);
                    for (int i = 0; i < samples.size(); i++) {
                        if (samples.t(i) >= mint && keep.test(samples.ref(i))) {
                            samplesOut.add(samples.ref(i), samples.t(i), samples.v(i));
                        }
                    }
                    samplesTotal += samples.size();
                    samplesKept += samplesOut.size();
                    if (samplesOut.size() > 0) {
                        RecordEncoder.samples(samplesOut, buf);
                        out.log(buf.array(), buf.len(), false);
                    }
                }
                case RecordType.HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES,
                        RecordType.HISTOGRAM_SAMPLES_V2 -> {
                    histograms.clear();
                    histogramsOut.clear();
                    dec.histogramSamples(rec, len, histograms);
                    for (int i = 0; i < histograms.size(); i++) {
                        if (histograms.t(i) >= mint && keep.test(histograms.ref(i))) {
                            histogramsOut.add(histograms.ref(i), histograms.t(i), histograms.histogram(i));
                        }
                    }
                    samplesTotal += histograms.size();
                    samplesKept += histogramsOut.size();
                    // As Prometheus: rewritten as v1 records, exponential and custom-buckets ones apart.
                    RecordEncoder.histogramSamples(histogramsOut, buf);
                    logIfAny(out);
                    RecordEncoder.customBucketsHistogramSamples(histogramsOut, buf);
                    logIfAny(out);
                }
                case RecordType.FLOAT_HISTOGRAM_SAMPLES, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES,
                        RecordType.FLOAT_HISTOGRAM_SAMPLES_V2 -> {
                    floatHistograms.clear();
                    floatHistogramsOut.clear();
                    dec.floatHistogramSamples(rec, len, floatHistograms);
                    for (int i = 0; i < floatHistograms.size(); i++) {
                        if (floatHistograms.t(i) >= mint && keep.test(floatHistograms.ref(i))) {
                            floatHistogramsOut.add(floatHistograms.ref(i), floatHistograms.t(i),
                                    floatHistograms.histogram(i));
                        }
                    }
                    samplesTotal += floatHistograms.size();
                    samplesKept += floatHistogramsOut.size();
                    RecordEncoder.floatHistogramSamples(floatHistogramsOut, buf);
                    logIfAny(out);
                    RecordEncoder.customBucketsFloatHistogramSamples(floatHistogramsOut, buf);
                    logIfAny(out);
                }
                case RecordType.TOMBSTONES -> {
                    stones.clear();
                    stonesOut.clear();
                    dec.tombstones(rec, len, stones);
                    for (int i = 0; i < stones.size(); i++) {
                        if (stones.maxt(i) >= mint && keep.test(stones.ref(i))) {
                            stonesOut.add(stones.ref(i), stones.mint(i), stones.maxt(i));
                        }
                    }
                    stonesTotal += stones.size();
                    stonesKept += stonesOut.size();
                    if (stonesOut.size() > 0) {
                        RecordEncoder.tombstones(stonesOut, buf);
                        out.log(buf.array(), buf.len(), false);
                    }
                }
                case RecordType.EXEMPLARS -> {
                    exemplars.clear();
                    exemplarsOut.clear();
                    dec.exemplars(rec, len, exemplars);
                    for (int i = 0; i < exemplars.size(); i++) {
                        if (exemplars.t(i) >= mint && keep.test(exemplars.ref(i))) {
                            exemplarsOut.add(exemplars.ref(i), exemplars.t(i), exemplars.v(i),
                                    exemplars.labels(i));
                        }
                    }
                    exemplarsTotal += exemplars.size();
                    exemplarsKept += exemplarsOut.size();
                    if (exemplarsOut.size() > 0) {
                        RecordEncoder.exemplars(exemplarsOut, buf);
                        out.log(buf.array(), buf.len(), false);
                    }
                }
                case RecordType.METADATA -> {
                    metadata.clear();
                    dec.metadata(rec, len, metadata);
                    for (int i = 0; i < metadata.size(); i++) {
                        if (keep.test(metadata.ref(i))) {
                            latestMetadata.put(metadata.ref(i), metadata.metadata(i));
                        }
                    }
                }
                default -> {
                    // Unknown records and the WBL's m-map markers: nothing a checkpoint keeps.
                }
            }
        }

        /** Logs what {@link #buf} holds; the histogram encoders leave it empty when there is nothing to write. */
        private void logIfAny(WalWriter out) throws IOException {
            if (buf.len() > 1) {
                out.log(buf.array(), buf.len(), false);
            }
        }

        void writeMetadata(WalWriter out) throws IOException {
            metadata.clear();
            for (var e : latestMetadata.long2ObjectEntrySet()) {
                metadata.add(e.getLongKey(), e.getValue());
            }
            if (metadata.size() > 0) {
                RecordEncoder.metadata(metadata, buf);
                out.log(buf.array(), buf.len(), true);
            }
        }

        Stats stats() {
            return new Stats(seriesTotal, seriesKept, samplesTotal, samplesKept, stonesTotal, stonesKept,
                    exemplarsTotal, exemplarsKept);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
