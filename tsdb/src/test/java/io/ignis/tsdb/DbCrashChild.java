package io.ignis.tsdb;

import io.ignis.storage.Appender;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link DbCrashTest}: opens the Db in {@code args[0]}, then appends {@link #SERIES}
 * series every {@link #STEP} ms after the newest sample already stored, one commit per timestamp, printing
 * each committed timestamp; compacts every 40 commits, so kills also land inside compactions. Runs until
 * killed. With {@code args[1] = "late"} the Db has a 4 h out-of-order window and every commit also holds, per
 * series, a late sample half a step before its in-order one, so kills land in WBL writes and out-of-order
 * compactions too.
 */
public final class DbCrashChild {
    static final int SERIES = 4;
    static final long STEP = 60_000;
    static final long START = 1_700_000_000_000L / (54 * DbModel.HOUR) * (54 * DbModel.HOUR);

    private DbCrashChild() {
    }

    static double value(int series, long t) {
        return t / 1000.0 * (series + 1);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        boolean late = args.length > 1 && "late".equals(args[1]);
        DbOptions opts = late ? DbOptions.defaults().withOutOfOrderTimeWindow(4 * DbModel.HOUR) : DbOptions.defaults();
        try (Db db = Db.open(Path.of(args[0]), opts)) {
            // The newest sample stored, read back: a block's maxTime is the end of its range, and an out-of-order
            // block's range reaches past the newest in-order sample.
            long last = START - STEP;
            for (List<Samples.Sample> ss : DbModel.read(db, Long.MIN_VALUE, Long.MAX_VALUE).values()) {
                last = Math.max(last, ss.get(ss.size() - 1).t());
            }
            long t = (last / STEP + 1) * STEP;
            for (int n = 1; ; n++, t += STEP) {
                Appender app = db.appender();
                for (int s = 0; s < SERIES; s++) {
                    app.append(0, DbModel.series(s), t, value(s, t));
                }
                for (int s = 0; late && s < SERIES; s++) {
                    app.append(0, DbModel.series(s), t - STEP / 2, value(s, t - STEP / 2));
                }
                app.commit();
                out.println(t);
                out.flush();
                if (n % 40 == 0) {
                    db.compact();
                }
            }
        }
    }
}
