package io.ignis.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Prometheus writes them ({@code 15d}, {@code 1h30m}, {@code 500ms}, {@code 0}): units
 * y, w, d, h, m, s, ms from largest to smallest, each at most once, no fractions. A year is 365 days.
 * Kept in one small class because the config module will own the shared duration type.
 */
final class FlagDuration {
    private static final Pattern SYNTAX = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final long YEAR = 365 * DAY;
    private static final long[] UNIT_MILLIS = {YEAR, WEEK, DAY, HOUR, MINUTE, SECOND, 1};
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private FlagDuration() {
    }

    /** Parses {@code text} into milliseconds; throws {@link IllegalArgumentException} with Prometheus's wording. */
    static long parseMillis(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long total = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String digits = m.group(i + 1);
            if (digits == null) {
                continue;
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[i]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range", e);
            }
        }
        return total;
    }

    /**
     * Formats milliseconds as Prometheus prints a duration: {@code 0s}, {@code 15d}, {@code 1h30m}. As in
     * Prometheus, years and weeks are used only when they divide the whole duration ({@code 90d}, not {@code 12w6d}).
     */
    static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            boolean exactOnly = i < 2;
            if (exactOnly && rest % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
