package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentRecordsTest {
    private static final long NONE = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private static WalPosition at(long offset) {
        return new WalPosition(0, offset);
    }

    private static SentRecords records(int n) {
        SentRecords r = new SentRecords(at(0));
        for (int s = 0; s < n; s++) {
            r.queued(s, at(100L * (s + 1)));
        }
        return r;
    }

    @Test
    void eachShardAdvancesToTheLastRecordItHasNoEntryOf() {
        SentRecords r = records(200);
        // Shard 0 still holds an entry of record 7 and sent those below index 3; shard 1 holds one of record 150
        // and sent entries of record 149 last; shard 2 holds nothing.
        SentPosition p = r.advance(new long[] {7, 150, NONE}, new long[] {7, 149, 199}, new int[] {3, 5, 9}, 199);
        assertThat(p).isEqualTo(new SentPosition(at(700), new WalPosition[] {at(700), at(15_000), at(20_000)},
                new int[] {3, 0, 0}));
        // Records reported after the shards were asked do not count yet.
        assertThat(r.advance(new long[] {NONE}, new long[] {-1}, new int[] {0}, 99).start()).isEqualTo(at(10_000));
        assertThat(r.advance(new long[] {NONE}, new long[] {-1}, new int[] {0}, r.highestQueued()).start())
                .isEqualTo(at(20_000));
    }

    @Test
    void entriesSentOfTheRecordBeingQueuedAreSkippedToo() {
        SentRecords r = records(10);
        // Record 10 is still being handed to the shards; shard 0 already sent its entries below index 4 and holds
        // none.
        SentPosition p = r.advance(new long[] {NONE, 10}, new long[] {10, 9}, new int[] {4, 2}, 9);
        assertThat(p).isEqualTo(new SentPosition(at(1000), new WalPosition[] {at(1000), at(1000)},
                new int[] {4, 0}));
    }

    @Test
    void highestQueuedSurvivesForgettingEverySentRecord() {
        SentRecords r = records(3);
        r.advance(new long[] {NONE}, new long[] {2}, new int[] {7}, r.highestQueued());
        assertThat(r.highestQueued()).isEqualTo(2);
        assertThat(r.advance(new long[] {NONE}, new long[] {2}, new int[] {7}, r.highestQueued()))
                .isEqualTo(new SentPosition(at(300), new WalPosition[] {at(300)}, new int[] {0}));
    }

    @Test
    void firstStartSavesNothingUntilARecordIsSent() {
        SentRecords r = new SentRecords(null);
        assertThat(r.advance(new long[] {NONE}, new long[] {-1}, new int[] {0}, -1)).isNull();
        r.queued(0, at(50));
        assertThat(r.advance(new long[] {0}, new long[] {0}, new int[] {1}, 0)).isNull();
        assertThat(r.advance(new long[] {NONE}, new long[] {0}, new int[] {2}, 0))
                .isEqualTo(new SentPosition(at(50), new WalPosition[] {at(50)}, new int[] {0}));
    }

    @Test
    void alreadySentLeavesOutWhatEachShardSent() {
        // Shard 0 sent the entries of record (1, 500) below index 3; shard 1 finished it and, in the record at
        // (2, 40), sent those below index 2.
        SentPosition p = new SentPosition(new WalPosition(1, 500), new WalPosition[] {new WalPosition(1, 500),
                new WalPosition(2, 40)}, new int[] {3, 2});
        AlreadySent a = new AlreadySent(p);
        a.beginRecord(1, 500);
        assertThat(a.sent(0, 0)).as("shard 0, index 0").isTrue();
        assertThat(a.sent(1, 1)).as("shard 1 finished this record").isTrue();
        assertThat(a.sent(2, 2)).as("shard 0, index 2").isTrue();
        assertThat(a.sent(4, 3)).as("shard 0, index 3").isFalse();
        a.beginRecord(2, 0);
        assertThat(a.sent(0, 0)).as("shard 0 sent nothing after its partial record").isFalse();
        assertThat(a.sent(1, 1)).as("shard 1, before its position").isTrue();
        a.beginRecord(2, 40);
        assertThat(a.sent(1, 0)).isTrue();
        assertThat(a.sent(2, 1)).as("shard 0").isFalse();
        assertThat(a.sent(3, 2)).as("shard 1, index 2").isFalse();
        a.beginRecord(2, 90);
        assertThat(a.sent(1, 0)).as("only the first record at the position is partial").isFalse();
    }

    @Test
    void markerFileRoundTripsAndReadsTheOneLineForm() throws Exception {
        Path f = dir.resolve("q.position");
        ProgressMarker m = new ProgressMarker(f);
        assertThat(m.load()).isNull();
        SentPosition p = new SentPosition(new WalPosition(3, 64), new WalPosition[] {new WalPosition(3, 64),
                new WalPosition(4, 8)}, new int[] {5, 0});
        m.save(p);
        assertThat(m.load()).isEqualTo(p);
        SentPosition plain = SentPosition.at(new WalPosition(3, 64));
        Files.writeString(f, "3 64\n");
        assertThat(m.load()).isEqualTo(plain);
        Files.writeString(f, "3 64\nshards 2 3 64 0\n");
        assertThat(m.load()).as("too few fields").isEqualTo(plain);
        Files.writeString(f, "3 64\nshards 1 2 0 0\n");
        assertThat(m.load()).as("a shard behind the start").isEqualTo(plain);
        Files.writeString(f, "garbage\n");
        assertThat(m.load()).isNull();
    }
}
