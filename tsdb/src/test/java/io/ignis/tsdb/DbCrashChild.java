package io.ignis.tsdb;

import io.ignis.storage.Appender;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link DbCrashTest}: opens the Db in {@code args[0]}, then appends {@link #SERIES}
 * series every {@link #STEP} ms after the newest sample already stored, one commit per timestamp, printing
 * each committed timestamp; compacts every 40 commits, so kills also land inside compactions. Runs until
 * killed.
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
        try (Db db = Db.open(Path.of(args[0]), DbOptions.defaults())) {
            long last = Math.max(db.head().maxTime(), START - STEP);
            for (Block b : db.blocks()) {
                last = Math.max(last, b.maxTime() - 1);
            }
            long t = (last / STEP + 1) * STEP;
            for (int n = 1; ; n++, t += STEP) {
                Appender app = db.appender();
                for (int s = 0; s < SERIES; s++) {
                    app.append(0, DbModel.series(s), t, value(s, t));
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
