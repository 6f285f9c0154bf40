package io.ignis.tsdb;

import static io.ignis.tsdb.DbModel.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance on a scheduler the caller owns: head compaction happens without anyone calling compact(). */
class DbMaintenanceTest {
    private static final long T0 = 1_700_000_000_000L / (54 * HOUR) * (54 * HOUR);

    @TempDir
    Path dir;

    @Test
    void scheduledMaintenanceCompactsTheHeadAndStopsAtClose() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            DbModel model = new DbModel();
            try (Db db = Db.open(dir, DbOptions.defaults())) {
                db.startMaintenance(scheduler, Duration.ofMillis(20));
                model.fill(db, 3, T0, T0 + 5 * HOUR, 60_000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (db.blocks().isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(db.blocks()).hasSize(1);
                assertThat(db.stats().compactions()).isEqualTo(1);
                assertThat(db.stats().reloads()).isGreaterThan(1);
                assertThat(DbModel.read(db, T0, T0 + 6 * HOUR)).isEqualTo(model.expected(T0, T0 + 6 * HOUR));
            }
            assertThat(scheduler.getQueue()).as("the periodic task is cancelled at close").isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
