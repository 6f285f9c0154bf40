package io.ignis.server.api;

import io.ignis.labels.Labels;
import io.ignis.promql.value.LabelOrder;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import java.util.ArrayList;
import java.util.List;

/**
 * The data set both servers of the parity test hold: a few families sampled every 15 s for 30 minutes from
 * {@link #T0}, with counters, gauges, classic histogram buckets and special values. Written once as OpenMetrics
 * for promtool and appended to our head from the same table.
 */
final class ParityData {
    static final long T0 = ApiFixture.T0;
    static final int STEPS = 121;
    static final long STEP_MS = 15_000;

    record Family(String name, String type, List<Labels> series) {
    }

    static List<Family> families() {
        List<Family> out = new ArrayList<>();
        out.add(new Family("up", "gauge", List.of(
                Labels.of("__name__", "up", "instance", "a:9100", "job", "node"),
                Labels.of("__name__", "up", "instance", "b:9100", "job", "node"),
                Labels.of("__name__", "up", "instance", "localhost:9090", "job", "prometheus"))));
        out.add(new Family("http_requests", "counter", List.of(
                Labels.of("__name__", "http_requests_total", "code", "200", "handler", "/api", "job", "api"),
                Labels.of("__name__", "http_requests_total", "code", "500", "handler", "/api", "job", "api"),
                Labels.of("__name__", "http_requests_total", "code", "200", "handler", "/", "job", "web"))));
        List<Labels> buckets = new ArrayList<>();
        for (String le : new String[] {"0.1", "0.5", "1.0", "+Inf"}) {
            buckets.add(Labels.of("__name__", "req_duration_seconds_bucket", "job", "api", "le", le));
        }
        out.add(new Family("req_duration_seconds", "histogram", buckets));
        out.add(new Family("temperature", "gauge", List.of(
                Labels.of("__name__", "temperature", "room", "lab", "unit", "<c&f>"),
                Labels.of("__name__", "temperature", "room", "office", "unit", "c"))));
        return out;
    }

    /** The value of series {@code s} of family {@code f} at step {@code i}. */
    static double value(int f, int s, int i) {
        return switch (f) {
            case 0 -> (s == 1 && i > 60 && i < 80) ? 0 : 1;
            case 1 -> i * (s + 1) * 1.5 + (s == 2 && i > 90 ? -i : 0) + 0.1 * s;
            case 2 -> i * (s + 1) * 2.0 + i % 3;
            default -> {
                if (s == 0 && i == 50) {
                    yield Double.NaN;
                }
                if (s == 0 && i == 51) {
                    yield Double.POSITIVE_INFINITY;
                }
                yield 20 + 3 * Math.sin(i / 7.0) + s * 0.25;
            }
        };
    }

    private static int familyOf(List<Family> fams, Labels l) {
        for (int f = 0; f < fams.size(); f++) {
            if (fams.get(f).series().contains(l)) {
                return f;
            }
        }
        throw new IllegalStateException("bug: unknown series " + l);
    }

    static String openMetrics() {
        StringBuilder sb = new StringBuilder();
        List<Family> fams = families();
        for (int f = 0; f < fams.size(); f++) {
            Family fam = fams.get(f);
            sb.append("# TYPE ").append(fam.name()).append(' ').append(fam.type()).append('\n');
            for (int s = 0; s < fam.series().size(); s++) {
                Labels l = fam.series().get(s);
                for (int i = 0; i < STEPS; i++) {
                    sb.append(l.get("__name__")).append('{');
                    boolean first = true;
                    for (int k = 0; k < l.size(); k++) {
                        if (l.name(k).equals("__name__")) {
                            continue;
                        }
                        sb.append(first ? "" : ",").append(l.name(k)).append("=\"").append(l.value(k)).append('"');
                        first = false;
                    }
                    double v = value(f, s, i);
                    String text = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "+Inf" : Double.toString(v);
                    sb.append("} ").append(text).append(' ').append((T0 + i * STEP_MS) / 1000).append('\n');
                }
            }
        }
        return sb.append("# EOF\n").toString();
    }

    /**
     * Appends the same samples, step by step across all series (the head refuses samples far behind its newest).
     * Series are created in label order first, so the head lists them as a block's index does: Prometheus's
     * instant results come in storage order, and the reference server reads blocks.
     */
    static void load(Head head) {
        List<Family> fams = families();
        List<Labels> all = new ArrayList<>();
        fams.forEach(f -> all.addAll(f.series()));
        all.sort(LabelOrder::compare);
        Appender first = head.appender();
        for (Labels l : all) {
            first.append(0, l, T0, value(familyOf(fams, l), fams.get(familyOf(fams, l)).series().indexOf(l), 0));
        }
        first.commit();
        for (int i = 1; i < STEPS; i++) {
            Appender a = head.appender();
            for (int f = 0; f < fams.size(); f++) {
                List<Labels> series = fams.get(f).series();
                for (int s = 0; s < series.size(); s++) {
                    a.append(0, series.get(s), T0 + i * STEP_MS, value(f, s, i));
                }
            }
            a.commit();
        }
    }
}
