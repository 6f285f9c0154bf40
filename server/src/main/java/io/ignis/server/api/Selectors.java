package io.ignis.server.api;

import io.ignis.labels.Matcher;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** The series selectors of an expression, as Prometheus's {@code ExtractSelectors}. */
final class Selectors {
    private Selectors() {
    }

    /** The matchers of every vector selector (those inside range selectors too), in the order written. */
    static List<Matcher[]> extract(Expr e) {
        List<Matcher[]> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Matcher[]> out) {
        if (e == null) {
            return;
        }
        if (e instanceof VectorSelector v) {
            out.add(v.matchers().toArray(new Matcher[0]));
            return;
        }
        for (Expr child : e.children()) {
            collect(child, out);
        }
    }
}
