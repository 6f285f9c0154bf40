package io.ignis.server.metrics;

/**
 * Go's {@code time.Duration.String()}, which Prometheus uses for the {@code interval} label of
 * {@code prometheus_target_interval_length_seconds} and {@code prometheus_target_reload_length_seconds}: "15s",
 * "1m0s", "1h30m0s", "1.5s", "500ms", "0s". Labels must match Prometheus's byte for byte, so dashboards that select
 * {@code interval="1m0s"} keep working.
 */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            // Below one second Go picks the largest unit that keeps the integer part non-zero.
            if (nanos < 1_000L) {
                return out.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return fraction(out, nanos, 1_000L).append("µs").toString();
            }
            return fraction(out, nanos, 1_000_000L).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long secondNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return fraction(out, secondNanos, 1_000_000_000L).append('s').toString();
    }

    /** {@code value / unit} with the fraction's trailing zeros dropped, as Go's fmtFrac does. */
    private static StringBuilder fraction(StringBuilder out, long value, long unit) {
        out.append(value / unit);
        long frac = value % unit;
        if (frac != 0) {
            String digits = Long.toString(unit + frac).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out;
    }
}
