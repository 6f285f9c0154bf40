package io.ignis.promql.engine;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.ValueType;
import io.ignis.storage.Queryable;
import java.util.Objects;

/**
 * The PromQL engine: creates instant and range queries over a {@link Queryable} passed per query (the
 * engine owns no storage). Thread-safe; one instance serves all queries of a server.
 */
public final class Engine {
    private final EngineOptions options;
    private final QueryParser parser;

    public Engine(EngineOptions options, QueryParser parser) {
        this.options = Objects.requireNonNull(options, "options");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public EngineOptions options() {
        return options;
    }

    /** An instant query at {@code t} (ms); parse errors are thrown here. */
    public Query newInstantQuery(Queryable queryable, String query, long t) {
        return newInstantQuery(queryable, parser.parse(query), t);
    }

    public Query newInstantQuery(Queryable queryable, Expr expr, long t) {
        return new Query(options, queryable, expr, t, t, 0);
    }

    /** A range query over [start, end] (ms, inclusive) every {@code step} ms. */
    public Query newRangeQuery(Queryable queryable, String query, long start, long end, long step) {
        return newRangeQuery(queryable, parser.parse(query), start, end, step);
    }

    public Query newRangeQuery(Queryable queryable, Expr expr, long start, long end, long step) {
        if (step <= 0) {
            throw new PromqlException("zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        if (end < start) {
            throw new PromqlException("end timestamp must not be before start time");
        }
        ValueType type = expr.type();
        if (type != ValueType.SCALAR && type != ValueType.VECTOR) {
            throw new PromqlException("invalid expression type \"" + type.documentedName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        return new Query(options, queryable, expr, start, end, step);
    }
}
