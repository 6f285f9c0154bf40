package io.ignis.promql.engine;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.ValueType;
import io.ignis.storage.Queryable;
import java.io.IOException;
import java.util.Objects;

/**
 * The PromQL engine: creates instant and range queries over a {@link Queryable} passed per query (the
 * engine owns no storage). Thread-safe; one instance serves all queries of a server.
 */
public final class Engine {
    private final EngineOptions options;
    private final QueryParser parser;
    private final QueryGate gate;
    private final ActiveQueryTracker tracker;
    private volatile QueryLogger queryLogger;

    /** An engine without a concurrency limit (tests, rule evaluation tools). */
    public Engine(EngineOptions options, QueryParser parser) {
        this(options, parser, null);
    }

    /**
     * An engine whose queries wait for a slot of {@code gate} ({@code --query.max-concurrency}) before
     * evaluating; null means no limit.
     */
    public Engine(EngineOptions options, QueryParser parser, QueryGate gate) {
        this(options, parser, gate, null);
    }

    /**
     * An engine with a query gate (null: no limit) that also writes the queries holding a slot to
     * {@code tracker}'s {@code queries.active} file (null: not tracked), as Prometheus's engine with its
     * ActiveQueryTracker. Size the tracker for the gate's concurrency.
     */
    public Engine(EngineOptions options, QueryParser parser, QueryGate gate, ActiveQueryTracker tracker) {
        this.options = Objects.requireNonNull(options, "options");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.gate = gate;
        this.tracker = tracker;
    }

    QueryGate gate() {
        return gate;
    }

    ActiveQueryTracker tracker() {
        return tracker;
    }

    QueryLogger queryLogger() {
        return queryLogger;
    }

    /**
     * Sets the query logger ({@code global.query_log_file}; null turns logging off) and closes the previous
     * one, as Prometheus's SetQueryLogger does on reload.
     */
    public void setQueryLogger(QueryLogger logger) throws IOException {
        QueryLogger old;
        synchronized (this) {
            old = queryLogger;
            queryLogger = logger;
        }
        if (old != null && old != logger) {
            old.close();
        }
    }

    public EngineOptions options() {
        return options;
    }

    /** An instant query at {@code t} (ms); parse errors are thrown here. */
    public Query newInstantQuery(Queryable queryable, String query, long t) {
        return new Query(this, queryable, parser.parse(query), query, t, t, 0);
    }

    public Query newInstantQuery(Queryable queryable, Expr expr, long t) {
        return new Query(this, queryable, expr, expr.toString(), t, t, 0);
    }

    /** A range query over [start, end] (ms, inclusive) every {@code step} ms. */
    public Query newRangeQuery(Queryable queryable, String query, long start, long end, long step) {
        return rangeQuery(queryable, parser.parse(query), query, start, end, step);
    }

    public Query newRangeQuery(Queryable queryable, Expr expr, long start, long end, long step) {
        return rangeQuery(queryable, expr, expr.toString(), start, end, step);
    }

    private Query rangeQuery(Queryable queryable, Expr expr, String text, long start, long end, long step) {
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
        return new Query(this, queryable, expr, text, start, end, step);
    }
}
