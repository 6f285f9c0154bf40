package io.ignis.promql.promqltest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value part of {@code metric@st} lines: start-timestamp offsets per position (README §3). */
final class StartTimestamps {
    private static final String D = "[+-]?(?:\\d+(?:ms|s|m|h|d|w|y)|0)";
    private static final Pattern ITEM = Pattern.compile("^(" + D + ")(?:([+-])(\\d+(?:ms|s|m|h|d|w|y)|0))?(?:x(\\d+))?$");
    private static final Pattern OMITTED = Pattern.compile("^_(?:x(\\d+))?$");

    private StartTimestamps() {
    }

    /** Returns {offsets, present (1/0)} of equal length. */
    static List<long[]> parse(String s) {
        List<Long> offsets = new ArrayList<>();
        List<Long> present = new ArrayList<>();
        for (String item : s.strip().split("[ \\t]+")) {
            if (item.isEmpty()) {
                continue;
            }
            Matcher m = OMITTED.matcher(item);
            if (m.matches()) {
                int n = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
                for (int k = 0; k < n; k++) {
                    offsets.add(0L);
                    present.add(0L);
                }
                continue;
            }
            m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad start timestamp item '" + item + "'");
            }
            long d = duration(m.group(1));
            int n = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            long e = m.group(2) == null ? 0 : duration(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
            if (m.group(4) == null && m.group(2) != null) {
                throw new IllegalArgumentException("start timestamp run without repeat count: '" + item + "'");
            }
            long cur = d;
            for (int k = 0; k <= n; k++) {
                offsets.add(cur);
                present.add(1L);
                cur += e;
            }
        }
        long[] o = new long[offsets.size()];
        long[] p = new long[offsets.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = offsets.get(i);
            p[i] = present.get(i);
        }
        return List.of(o, p);
    }

    private static long duration(String s) {
        boolean neg = s.startsWith("-");
        String t = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        long v = Durations.parse(t);
        return neg ? -v : v;
    }
}
