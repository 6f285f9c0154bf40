package io.ignis.server.api;

import io.ignis.labels.Matcher;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.Request;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter parsing shared by the endpoints, with Prometheus's rules and error texts: times as Unix seconds
 * (float, rounded to ms) or RFC 3339, durations as float seconds or {@code 1h30m}, limits as non-negative ints,
 * {@code match[]} as series selectors of which at least one matcher must not match the empty string.
 */
public final class ApiParams {
    /** Prometheus's default start of optional time ranges (its {@code MinTime}), in ms. */
    public static final long MIN_TIME = (Long.MIN_VALUE / 1000 + 62135596801L) * 1000;
    /** Prometheus's default end of optional time ranges (its {@code MaxTime}), in ms. */
    public static final long MAX_TIME = (Long.MAX_VALUE / 1000 - 62135596801L) * 1000 + 999;
    private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
    private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

    private ApiParams() {
    }

    /** A time parameter, or {@code defaultMillis} when absent or empty. */
    public static long time(Request r, String name, long defaultMillis) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return defaultMillis;
        }
        try {
            return parseTime(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /** A required time parameter, as the range query's start and end are. */
    public static long requiredTime(Request r, String name) {
        String v = r.param(name);
        try {
            return parseTime(v == null ? "" : v);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** Unix seconds (fraction rounded to ms) or RFC 3339, in ms; saturates far outside the int64 range. */
    public static long parseTime(String s) {
        Double seconds = goParseFloat(s);
        if (seconds != null) {
            double d = seconds;
            if (Double.isNaN(d)) {
                throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
            }
            double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
            double frac = Math.round((d - whole) * 1000) / 1000.0;
            // Go's time.Unix then UnixMilli: whole seconds saturate through int64 conversion.
            long secs = (long) whole;
            long ms = Math.round(frac * 1000);
            return saturatedMillis(secs, ms);
        }
        if (s.equals(MIN_TIME_TEXT)) {
            return MIN_TIME;
        }
        if (s.equals(MAX_TIME_TEXT)) {
            return MAX_TIME;
        }
        try {
            Instant i = OffsetDateTime.parse(s).toInstant();
            return saturatedMillis(i.getEpochSecond(), i.getNano() / 1_000_000);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
        }
    }

    private static long saturatedMillis(long secs, long ms) {
        if (secs > Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        if (secs < Long.MIN_VALUE / 1000) {
            return Long.MIN_VALUE;
        }
        return secs * 1000 + ms;
    }

    /** A duration parameter in ms, or {@code defaultMillis} when absent. */
    public static long duration(Request r, String name, long defaultMillis) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return defaultMillis;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** Float seconds or a Prometheus duration, in ms (sub-ms parts truncated). */
    public static long parseDuration(String s) {
        Double seconds = goParseFloat(s);
        if (seconds != null) {
            double ns = seconds * 1e9;
            if (ns > 9.223372036854775807e18 || ns < -9.223372036854775808e18 || Double.isNaN(ns)) {
                throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration. It overflows int64");
            }
            return (long) ns / 1_000_000;
        }
        try {
            return PromqlParser.parseDuration(s).toMillis();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration");
        }
    }

    /** {@code limit}: 0 (no limit) when absent. */
    public static int limit(Request r) {
        String v = r.param("limit");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        int limit;
        try {
            limit = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid("limit", "strconv.Atoi: parsing " + io.ignis.promql.ast.GoFormat.quote(v)
                    + ": invalid syntax");
        }
        if (limit < 0) {
            throw invalid("limit", "limit must be non-negative");
        }
        return limit;
    }

    /** The {@code match[]} selectors; each must have a matcher that does not match the empty string. */
    public static List<Matcher[]> matchers(List<String> selectors) {
        List<Matcher[]> sets = new ArrayList<>(selectors.size());
        for (String s : selectors) {
            List<Matcher> ms = PromqlParser.parseMetricSelector(s);
            boolean nonEmpty = false;
            for (Matcher m : ms) {
                nonEmpty |= !m.matchesEmpty();
            }
            if (!nonEmpty) {
                throw new ApiException(ErrorType.BAD_DATA, "match[] must contain at least one non-empty matcher");
            }
            sets.add(ms.toArray(new Matcher[0]));
        }
        return sets;
    }

    /** {@code invalid parameter "name": detail}, bad_data. */
    public static ApiException invalid(String name, String detail) {
        return new ApiException(ErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + detail);
    }

    /** Same as {@link #invalid(String, String)} with the cause's text, keeping the cause. */
    public static ApiException invalid(String name, RuntimeException cause) {
        String detail = cause instanceof ParseException p ? p.getMessage() : ApiErrors.messageOf(cause);
        return new ApiException(ErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + detail, cause);
    }

    /** Go's {@code strconv.ParseFloat} acceptance: decimal, exponent, hex floats, inf/nan; null when not a float. */
    static Double goParseFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String t = s.replace("_", "");
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?|0x[0-9a-f]*\\.?[0-9a-f]*(p[+-]?\\d+)?")) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
