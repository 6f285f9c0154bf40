package io.ignis.server.rules.template;

import java.util.List;

/** Go's {@code time.Duration} as templates see it: nanoseconds, printed like {@code 1h2m3.5s}. */
record GoDuration(long nanos) implements GoValue {
    @Override
    public String typeName() {
        return "*time.Duration";
    }

    @Override
    public boolean hasMethod(String name) {
        return switch (name) {
            case "String", "Seconds", "Minutes", "Hours", "Milliseconds", "Microseconds", "Nanoseconds" -> true;
            default -> false;
        };
    }

    @Override
    public Object call(String name, List<Object> args) {
        if (!args.isEmpty()) {
            throw new FuncException("wrong number of args for " + name + ": want 0 got " + args.size());
        }
        return switch (name) {
            case "String" -> goString();
            case "Seconds" -> nanos / 1e9;
            case "Minutes" -> nanos / 6e10;
            case "Hours" -> nanos / 3.6e12;
            case "Milliseconds" -> nanos / 1_000_000;
            case "Microseconds" -> nanos / 1_000;
            case "Nanoseconds" -> nanos;
            default -> MISSING;
        };
    }

    /** Go's {@code Duration.String}. */
    @Override
    public String goString() {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            if (u < 1_000) {
                sb.append(u).append("ns");
            } else if (u < 1_000_000) {
                sb.append(fraction(u, 3)).append("µs");
            } else {
                sb.append(fraction(u, 6)).append("ms");
            }
        } else {
            long hours = u / 3_600_000_000_000L;
            long rest = u % 3_600_000_000_000L;
            long minutes = rest / 60_000_000_000L;
            long secNanos = rest % 60_000_000_000L;
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                sb.append(minutes).append('m');
            }
            sb.append(fraction(secNanos, 9)).append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    /** {@code v / 10^digits} printed with trailing zeros of the fraction removed. */
    private static String fraction(long v, int digits) {
        long scale = (long) Math.pow(10, digits);
        long whole = v / scale;
        long frac = v % scale;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
