package io.ignis.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.model.MetricMetadata;
import io.ignis.model.MetricType;
import io.ignis.tsdb.encoding.EncodeBuffer;
import io.ignis.tsdb.record.MetadataBatch;
import io.ignis.tsdb.record.RecordDecoder;
import io.ignis.tsdb.record.RecordEncoder;
import io.ignis.tsdb.record.RecordType;
import io.ignis.tsdb.record.SampleBatch;
import io.ignis.tsdb.record.SeriesBatch;
import io.ignis.tsdb.record.TombstoneBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path wal;

    private final EncodeBuffer buf = new EncodeBuffer();

    private void log(WalWriter w) throws IOException {
        w.log(buf.array(), buf.len(), true);
    }

    /** Segment k holds: series k (and k+10), samples of both at t = k*100 and k*100+50, metadata of k. */
    private void writeSegments(int count) throws IOException {
        try (WalWriter w = WalWriter.open(wal, 64 * 1024, true)) {
            for (int k = 0; k < count; k++) {
                SeriesBatch s = new SeriesBatch();
                s.add(k + 1, Labels.of("__name__", "s" + k));
                s.add(k + 11, Labels.of("__name__", "dead" + k));
                RecordEncoder.series(s, buf);
                log(w);
                SampleBatch smp = new SampleBatch();
                smp.add(k + 1, k * 100L, k);
                smp.add(k + 11, k * 100L, k);
                smp.add(k + 1, k * 100L + 50, k);
                RecordEncoder.samples(smp, buf);
                log(w);
                MetadataBatch md = new MetadataBatch();
                md.add(k + 1, new MetricMetadata(MetricType.COUNTER, "", "v1"));
                md.add(k + 1, new MetricMetadata(MetricType.COUNTER, "", "v2"));
                RecordEncoder.metadata(md, buf);
                log(w);
                TombstoneBatch tb = new TombstoneBatch();
                tb.add(k + 1, 0, k * 100L);
                RecordEncoder.tombstones(tb, buf);
                log(w);
                w.nextSegment();
            }
        }
    }

    @Test
    void keepsLiveSeriesRecentSamplesAndLatestMetadata() throws IOException {
        writeSegments(5);
        Files.createDirectories(wal.resolve("checkpoint.00000001.tmp"));
        Checkpoint.Stats st = Checkpoint.create(wal, 0, 3, ref -> ref <= 10, 150);
        assertThat(Files.exists(wal.resolve("checkpoint.00000001.tmp"))).as("leftover tmp removed").isFalse();
        Checkpoint.Ref cp = Checkpoint.last(wal);
        assertThat(cp.index()).isEqualTo(3);
        assertThat(cp.dir().getFileName().toString()).isEqualTo("checkpoint.00000003");
        assertThat(st.seriesTotal()).isEqualTo(8);
        assertThat(st.seriesKept()).isEqualTo(4);
        assertThat(st.samplesTotal()).isEqualTo(12);

        SeriesBatch series = new SeriesBatch();
        SampleBatch samples = new SampleBatch();
        MetadataBatch md = new MetadataBatch();
        TombstoneBatch tombs = new TombstoneBatch();
        RecordDecoder dec = new RecordDecoder();
        List<Integer> types = new ArrayList<>();
        try (WalReader r = WalReader.open(cp.dir())) {
            while (r.next()) {
                int type = RecordType.of(r.record(), r.recordLength());
                types.add(type);
                switch (type) {
                    case RecordType.SERIES -> dec.series(r.record(), r.recordLength(), series);
                    case RecordType.SAMPLES -> dec.samples(r.record(), r.recordLength(), samples);
                    case RecordType.METADATA -> dec.metadata(r.record(), r.recordLength(), md);
                    case RecordType.TOMBSTONES -> dec.tombstones(r.record(), r.recordLength(), tombs);
                    default -> throw new AssertionError("unexpected record type " + type);
                }
            }
        }
        assertThat(series.size()).isEqualTo(4);
        for (int i = 0; i < series.size(); i++) {
            assertThat(series.ref(i)).isEqualTo(i + 1);
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            got.add(samples.ref(i) + "@" + samples.t(i));
        }
        assertThat(got).containsExactly("2@150", "3@200", "3@250", "4@300", "4@350");
        assertThat(md.size()).as("one entry per series: the latest").isEqualTo(4);
        assertThat(md.metadata(0).help()).isEqualTo("v2");
        List<String> stones = new ArrayList<>();
        for (int i = 0; i < tombs.size(); i++) {
            stones.add(tombs.ref(i) + ":" + tombs.maxt(i));
        }
        assertThat(stones).containsExactly("3:200", "4:300");
        assertThat(types.get(types.size() - 1)).as("metadata last").isEqualTo(RecordType.METADATA);
    }

    @Test
    void aNewCheckpointBuildsOnTheLastOneAndOldOnesAreDeleted() throws IOException {
        writeSegments(6);
        Checkpoint.create(wal, 0, 2, ref -> true, 0);
        try (WalWriter w = WalWriter.open(wal)) {
            w.truncate(3);
        }
        Checkpoint.create(wal, 3, 4, ref -> true, 0);
        Checkpoint.deleteBefore(wal, 4);
        assertThat(Checkpoint.last(wal).index()).isEqualTo(4);
        assertThat(Files.exists(Checkpoint.dir(wal, 2))).isFalse();
        SampleBatch samples = new SampleBatch();
        RecordDecoder dec = new RecordDecoder();
        try (WalReader r = WalReader.open(Checkpoint.dir(wal, 4))) {
            while (r.next()) {
                if (RecordType.of(r.record(), r.recordLength()) == RecordType.SAMPLES) {
                    dec.samples(r.record(), r.recordLength(), samples);
                }
            }
        }
        assertThat(samples.size()).as("segments 0-4, three samples each").isEqualTo(15);
    }
}
