package io.ignis.server.api;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.Prettier;
import io.ignis.promql.engine.PromqlException;
import io.ignis.promql.engine.Query;
import io.ignis.promql.engine.Result;
import io.ignis.promql.parser.ParseException;
import io.ignis.server.http.Cancellation;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.storage.Annotations;

/**
 * {@code /api/v1/query}, {@code query_range}, {@code format_query} and {@code parse_query}, with Prometheus's
 * parameters, limits and error texts.
 */
final class QueryApi {
    /** Prometheus's cap on points per series of a range query. */
    static final long MAX_POINTS = 11_000;
    static final String TRUNCATED = "results truncated due to limit";

    private final ApiDependencies deps;

    QueryApi(ApiDependencies deps) {
        this.deps = deps;
    }

    Response query(Request r) {
        int limit = ApiParams.limit(r);
        long t = ApiParams.time(r, "time", deps.clock().getAsLong());
        long timeout = timeout(r);
        long lookback = lookbackDelta(r);
        Query q;
        try {
            q = deps.engine().newInstantQuery(deps.queryable(), queryText(r), t).lookbackDelta(lookback);
        } catch (ParseException | PromqlException e) {
            throw ApiParams.invalid("query", e);
        }
        return run(r, timeout < 0 ? q : q.timeout(timeout), limit);
    }

    Response queryRange(Request r) {
        int limit = ApiParams.limit(r);
        long start = ApiParams.requiredTime(r, "start");
        long end = ApiParams.requiredTime(r, "end");
        if (end < start) {
            throw ApiParams.invalid("end", "end timestamp must not be before start time");
        }
        long step = ApiParams.duration(r, "step", -1);
        if (r.param("step") == null || r.param("step").isEmpty()) {
            throw ApiParams.invalid("step", "cannot parse \"\" to a valid duration");
        }
        if (step <= 0) {
            throw ApiParams.invalid("step", "zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        if ((end - start) / step > MAX_POINTS) {
            throw new ApiException(ErrorType.BAD_DATA, "exceeded maximum resolution of 11,000 points per timeseries. "
                    + "Try decreasing the query resolution (?step=XX)");
        }
        long timeout = timeout(r);
        long lookback = lookbackDelta(r);
        Query q;
        try {
            q = deps.engine().newRangeQuery(deps.queryable(), queryText(r), start, end, step)
                    .lookbackDelta(lookback);
        } catch (ParseException | PromqlException e) {
            throw ApiParams.invalid("query", e);
        }
        return run(r, timeout < 0 ? q : q.timeout(timeout), limit);
    }

    Response formatQuery(Request r) {
        Expr e = parse(r);
        String pretty = Prettier.pretty(e);
        return ApiResponses.success(g -> g.writeString(pretty), Annotations.EMPTY);
    }

    Response parseQuery(Request r) {
        Expr e = parse(r);
        return ApiResponses.success(g -> AstJson.write(g, e), Annotations.EMPTY);
    }

    private Expr parse(Request r) {
        try {
            return deps.parser().parse(queryText(r));
        } catch (ParseException e) {
            throw ApiParams.invalid("query", e);
        }
    }

    private static String queryText(Request r) {
        String q = r.param("query");
        return q == null ? "" : q;
    }

    /**
     * This request's {@code timeout} in ms, or -1 when absent. The query then runs with the smaller of it and
     * {@code --query.timeout}, through the server's one engine (its query gate and query log); a negative
     * duration, which Prometheus accepts, is a deadline already passed (0).
     */
    private static long timeout(Request r) {
        String v = r.param("timeout");
        if (v == null || v.isEmpty()) {
            return -1;
        }
        return Math.max(0, ApiParams.duration(r, "timeout", 0));
    }

    /** This request's {@code lookback_delta}, or 0 for the engine's. */
    private static long lookbackDelta(Request r) {
        String lookback = r.param("lookback_delta");
        if (lookback == null || lookback.isEmpty()) {
            return 0;
        }
        try {
            return ApiParams.parseDuration(lookback);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorType.BAD_DATA, "error parsing lookback delta duration: " + e.getMessage());
        }
    }

    private static Response run(Request r, Query q, int limit) {
        long startNanos = System.nanoTime();
        Result result;
        // A client that hangs up cancels its query, which then frees its slot in the query gate.
        try (Cancellation.Registration ignored = r.cancellation().onCancel(q::cancel)) {
            result = q.exec();
        }
        long execNanos = System.nanoTime() - startNanos;
        Annotations annotations = Annotations.create().merge(result.annotations());
        if (QueryResultJson.truncated(result.value(), limit) > 0) {
            annotations.addWarning(TRUNCATED);
        }
        String stats = r.param("stats");
        if (stats != null && !stats.isEmpty() && !stats.equals("true") && !stats.equals("all")) {
            annotations.addWarning("value \"" + stats + "\" for parameter \"stats\" is deprecated and will be "
                    + "rejected in the next major release, use \"true\" or \"all\"");
        }
        boolean withStats = stats != null && !stats.isEmpty();
        return ApiResponses.success(g -> {
            g.writeStartObject();
            g.writeStringField("resultType", QueryResultJson.resultType(result.value()));
            g.writeFieldName("result");
            QueryResultJson.write(g, result.value(), limit);
            if (withStats) {
                g.writeFieldName("stats");
                StatsJson.write(g, result.stats(), execNanos);
            }
            g.writeEndObject();
        }, annotations);
    }
}
