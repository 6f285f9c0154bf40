package io.ignis.server.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's JSON form of a {@code time.Time} (RFC 3339 with trailing fraction zeros trimmed), in UTC. */
final class GoTime {
    /** Go's zero time, which Prometheus reports for "never" (a target not scraped yet). */
    static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    /** {@code millis} since the epoch; 0 means never. */
    static String format(long millis) {
        if (millis == 0) {
            return ZERO;
        }
        Instant i = Instant.ofEpochMilli(millis);
        StringBuilder sb = new StringBuilder(SECONDS.format(i));
        int ms = i.getNano() / 1_000_000;
        if (ms != 0) {
            String frac = String.format("%03d", ms);
            sb.append('.').append(frac.replaceAll("0+$", ""));
        }
        return sb.append('Z').toString();
    }
}
