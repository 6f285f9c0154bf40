package io.ignis.server.rules.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Go's {@code time.Time} in UTC as templates see it: {@code Format}, {@code Add}, {@code Unix*}, {@code String}. */
record GoTime(long epochSecond, int nano) implements GoValue {
    static GoTime ofNanos(long nanos) {
        return new GoTime(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public String typeName() {
        return "*time.Time";
    }

    @Override
    public boolean hasMethod(String name) {
        return switch (name) {
            case "Format", "String", "Add", "Unix", "UnixMilli", "UnixMicro", "UnixNano", "UTC", "Year", "Day",
                 "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Month", "Weekday" -> true;
            default -> false;
        };
    }

    @Override
    public Object call(String name, List<Object> args) {
        int want = name.equals("Format") || name.equals("Add") ? 1 : 0;
        if (args.size() != want) {
            throw new FuncException("wrong number of args for " + name + ": want " + want + " got " + args.size());
        }
        ZonedDateTime z = zoned();
        return switch (name) {
            case "Format" -> GoTimeLayout.format(z, Builtins.string(args.get(0)));
            case "String" -> goString();
            case "Add" -> {
                if (!(args.get(0) instanceof GoDuration d)) {
                    throw new FuncException("wrong type for value; expected time.Duration; got "
                            + GoFormat.typeName(args.get(0)));
                }
                yield ofNanos(epochSecond * 1_000_000_000L + nano + d.nanos());
            }
            case "Unix" -> epochSecond;
            case "UnixMilli" -> epochSecond * 1000 + nano / 1_000_000;
            case "UnixMicro" -> epochSecond * 1_000_000 + nano / 1000;
            case "UnixNano" -> epochSecond * 1_000_000_000L + nano;
            case "UTC" -> this;
            case "Year" -> (long) z.getYear();
            case "Day" -> (long) z.getDayOfMonth();
            case "Hour" -> (long) z.getHour();
            case "Minute" -> (long) z.getMinute();
            case "Second" -> (long) z.getSecond();
            case "Nanosecond" -> (long) z.getNano();
            case "YearDay" -> (long) z.getDayOfYear();
            case "Month" -> GoTimeLayout.format(z, "January");
            case "Weekday" -> GoTimeLayout.format(z, "Monday");
            default -> MISSING;
        };
    }

    ZonedDateTime zoned() {
        return Instant.ofEpochSecond(epochSecond, nano).atZone(ZoneOffset.UTC);
    }

    /** Go's {@code Time.String} for a UTC time: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    @Override
    public String goString() {
        return GoTimeLayout.format(zoned(), "2006-01-02 15:04:05.999999999 -0700 MST");
    }
}
