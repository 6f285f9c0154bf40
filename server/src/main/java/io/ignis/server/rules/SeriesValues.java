package io.ignis.server.rules;

import io.ignis.model.StaleNaN;
import java.util.ArrayList;
import java.util.List;

/**
 * The value notation of {@code input_series} (PromQL test syntax): space-separated items, each a number
 * ({@code Inf}, {@code NaN} allowed), {@code _} (no sample), {@code _xN} (N missing), {@code stale},
 * {@code a+bxN}/{@code a-bxN} (N+1 values from a stepping by b) or {@code axN} (a, N+1 times).
 * A null element means no sample at that step.
 */
final class SeriesValues {
    private SeriesValues() {
    }

    static List<Double> expand(String text) {
        List<Double> out = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("_")) {
                out.add(null);
            } else if (item.startsWith("_x")) {
                int n = count(item, item.substring(2));
                for (int i = 0; i < n; i++) {
                    out.add(null);
                }
            } else if (item.equals("stale")) {
                out.add(StaleNaN.VALUE);
            } else if (item.startsWith("{{")) {
                throw new IllegalArgumentException("native histogram series values are not supported: " + item);
            } else {
                expandItem(item, out);
            }
        }
        return out;
    }

    private static void expandItem(String item, List<Double> out) {
        int x = item.lastIndexOf('x');
        if (x < 0 || item.toLowerCase().endsWith("inf") || item.startsWith("0x")) {
            out.add(number(item));
            return;
        }
        String head = item.substring(0, x);
        int n = count(item, item.substring(x + 1));
        int op = Math.max(head.lastIndexOf('+'), head.lastIndexOf('-'));
        double start;
        double step;
        if (op > 0 && "eE".indexOf(head.charAt(op - 1)) < 0) {
            start = number(head.substring(0, op));
            step = number(head.substring(op + 1)) * (head.charAt(op) == '-' ? -1 : 1);
        } else {
            start = number(head);
            step = 0;
        }
        for (int i = 0; i <= n; i++) {
            out.add(start + step * i);
        }
    }

    private static int count(String item, String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid series value " + item);
        }
    }

    private static double number(String s) {
        return switch (s.toLowerCase()) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid series value " + s);
                }
            }
        };
    }
}
