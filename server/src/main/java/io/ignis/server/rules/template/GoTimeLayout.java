package io.ignis.server.rules.template;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's reference-time layouts ({@code Mon Jan 2 15:04:05 MST 2006}) applied to a UTC time. */
final class GoTimeLayout {
    private GoTimeLayout() {
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int used = chunk(t, layout, i, sb);
            if (used == 0) {
                sb.append(layout.charAt(i));
                i++;
            } else {
                i += used;
            }
        }
        return sb.toString();
    }

    /** Appends the value of the layout element at {@code i}; returns its length, or 0 for a literal char. */
    private static int chunk(ZonedDateTime t, String l, int i, StringBuilder sb) {
        String[][] words = {{"January", "month"}, {"Jan", "mon"}, {"Monday", "day"}, {"Mon", "dow"},
            {"MST", "zone"}, {"2006", "year"}, {"Z07:00", "z1"}, {"Z0700", "z2"}, {"Z07", "z3"},
            {"-07:00", "o1"}, {"-0700", "o2"}, {"-07", "o3"}, {"002", "yday"}, {"__2", "yday_"}, {"15", "H"},
            {"01", "MM"}, {"02", "dd"}, {"03", "hh"}, {"04", "mm"}, {"05", "ss"}, {"06", "yy"}, {"_2", "_d"},
            {"PM", "PM"}, {"pm", "pm"}, {"1", "M"}, {"2", "d"}, {"3", "h"}, {"4", "m"}, {"5", "s"}};
        char c = l.charAt(i);
        if ((c == '.' || c == ',') && i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
            char d = l.charAt(i + 1);
            int j = i + 1;
            while (j < l.length() && l.charAt(j) == d) {
                j++;
            }
            if (j >= l.length() || !Character.isDigit(l.charAt(j))) {
                fraction(t.getNano(), j - i - 1, d == '9', c, sb);
                return j - i;
            }
        }
        for (String[] w : words) {
            if (!l.startsWith(w[0], i)) {
                continue;
            }
            if (w[0].equals("Jan") || w[0].equals("Mon")) {
                // "Janx" is not a month, as in Go: the next char must not be a lower-case letter.
                int end = i + 3;
                if (end < l.length() && Character.isLowerCase(l.charAt(end))) {
                    continue;
                }
            }
            sb.append(value(t, w[1]));
            return w[0].length();
        }
        return 0;
    }

    private static String value(ZonedDateTime t, String what) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (what) {
            case "month" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case "mon" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case "day" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case "dow" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case "zone" -> "UTC";
            case "year" -> String.format("%04d", t.getYear());
            case "yy" -> String.format("%02d", t.getYear() % 100);
            case "z1", "z2", "z3" -> "Z";
            case "o1" -> "+00:00";
            case "o2" -> "+0000";
            case "o3" -> "+00";
            case "yday" -> String.format("%03d", t.getDayOfYear());
            case "yday_" -> String.format("%3d", t.getDayOfYear());
            case "H" -> String.format("%02d", t.getHour());
            case "MM" -> String.format("%02d", t.getMonthValue());
            case "dd" -> String.format("%02d", t.getDayOfMonth());
            case "hh" -> String.format("%02d", hour12);
            case "mm" -> String.format("%02d", t.getMinute());
            case "ss" -> String.format("%02d", t.getSecond());
            case "_d" -> String.format("%2d", t.getDayOfMonth());
            case "PM" -> t.getHour() >= 12 ? "PM" : "AM";
            case "pm" -> t.getHour() >= 12 ? "pm" : "am";
            case "M" -> Integer.toString(t.getMonthValue());
            case "d" -> Integer.toString(t.getDayOfMonth());
            case "h" -> Integer.toString(hour12);
            case "m" -> Integer.toString(t.getMinute());
            case "s" -> Integer.toString(t.getSecond());
            default -> throw new IllegalStateException("bug: layout element " + what);
        };
    }

    private static void fraction(int nanos, int digits, boolean trim, char sep, StringBuilder sb) {
        String f = String.format("%09d", nanos).substring(0, Math.min(digits, 9));
        if (trim) {
            f = f.replaceAll("0+$", "");
            if (f.isEmpty()) {
                return;
            }
        }
        sb.append(sep).append(f);
    }
}
