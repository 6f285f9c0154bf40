package io.ignis.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A text-format 0.0.4 exposition taken apart for assertions: HELP and TYPE per family, value per series line. */
public final class ExpositionText {
    public final String text;
    public final Map<String, String> types = new TreeMap<>();
    public final Map<String, String> helps = new TreeMap<>();
    /** Series as written ({@code name{a="b"}}) to value. */
    public final Map<String, Double> values = new LinkedHashMap<>();

    public ExpositionText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                types.put(f[0], f[1]);
            } else if (line.startsWith("# HELP ")) {
                String rest = line.substring(7);
                int sp = rest.indexOf(' ');
                helps.put(rest.substring(0, sp), rest.substring(sp + 1));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int sp = line.lastIndexOf(' ');
                values.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
        }
    }

    public static ExpositionText of(PrometheusMeterRegistry registry) {
        return new ExpositionText(registry.scrape(MetricsExposition.TEXT_004));
    }

    /** Family names that start with one of the prefixes. */
    public TreeSet<String> families(String... prefixes) {
        TreeSet<String> out = new TreeSet<>();
        for (String name : types.keySet()) {
            for (String p : prefixes) {
                if (name.startsWith(p)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The value of one series line, or null when absent. */
    public Double value(String series) {
        return values.get(series);
    }

    /** Series lines of one family (its own name, or name_sum, _count, _bucket). */
    public TreeSet<String> series(String family) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : values.keySet()) {
            String name = s.indexOf('{') < 0 ? s : s.substring(0, s.indexOf('{'));
            if (name.equals(family) || name.equals(family + "_sum") || name.equals(family + "_count")
                    || name.equals(family + "_bucket") || name.equals(family + "_total")) {
                out.add(s);
            }
        }
        return out;
    }
}
