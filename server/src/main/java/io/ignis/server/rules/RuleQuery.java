package io.ignis.server.rules;

import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.Result;
import io.ignis.promql.value.Scalar;
import io.ignis.promql.value.Value;
import io.ignis.promql.value.Vector;
import io.ignis.labels.Labels;
import io.ignis.storage.Queryable;

/** Runs a rule's expression at one instant and returns an instant vector. */
@FunctionalInterface
public interface RuleQuery {
    /** @throws RuntimeException on any query error; the message becomes the rule's {@code lastError} */
    Vector query(String expr, long t);

    /**
     * Prometheus's {@code EngineQueryFunc}: a vector as is, a scalar as one sample without labels, anything else
     * an error.
     */
    static RuleQuery of(Engine engine, Queryable queryable) {
        return (expr, t) -> {
            Result r = engine.newInstantQuery(queryable, expr, t).exec();
            Value v = r.value();
            if (v instanceof Vector vec) {
                return vec;
            }
            if (v instanceof Scalar s) {
                Vector out = new Vector(1);
                out.add(Labels.EMPTY, s.t(), s.v(), false);
                return out;
            }
            throw new IllegalArgumentException("rule result is not a vector or scalar");
        };
    }
}
