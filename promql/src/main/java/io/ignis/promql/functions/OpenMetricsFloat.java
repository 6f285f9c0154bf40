package io.ignis.promql.functions;

import io.ignis.promql.ast.GoFormat;

/** Prometheus's labels.FormatOpenMetricsFloat: like %g, but integral values keep a ".0". */
final class OpenMetricsFloat {
    private OpenMetricsFloat() {
    }

    static String format(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        String s = GoFormat.formatFloatV(f);
        if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0) {
            return s;
        }
        return s + ".0";
    }
}
