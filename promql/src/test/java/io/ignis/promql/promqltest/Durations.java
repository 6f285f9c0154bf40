package io.ignis.promql.promqltest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations as the scripts write them ({@code 1h30m}, {@code 10s53ms}, {@code 0}). */
final class Durations {
    private static final Pattern DURATION =
            Pattern.compile("^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000,
        1_000, 1};

    private Durations() {
    }

    /** Milliseconds of {@code s}; throws IllegalArgumentException naming the text when it is not a duration. */
    static long parse(String s) {
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        }
        long ms = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
            }
        }
        return ms;
    }
}
