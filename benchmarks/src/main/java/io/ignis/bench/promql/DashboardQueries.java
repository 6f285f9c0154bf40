package io.ignis.bench.promql;

/**
 * The dashboard set measured by the benchmarks and the end-to-end comparison, over {@link DashboardData}:
 * per-series rates, their sum by labels, a p99 over classic buckets, a top-k, a regex selector and a
 * subquery. Names are the keys printed in result tables.
 */
public final class DashboardQueries {
    public static final String RATE = "rate(http_requests_total[5m])";
    public static final String SUM_RATE = "sum(rate(http_requests_total[1m]))";
    public static final String SUM_BY = "sum by (job, status) (rate(http_requests_total[5m]))";
    public static final String HISTOGRAM_QUANTILE =
            "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))";
    public static final String TOPK = "topk(10, rate(http_requests_total[5m]))";
    public static final String REGEX =
            "sum(rate(http_requests_total{path=~\"/api/.*\", status=~\"5..\"}[5m]))";
    public static final String SUBQUERY = "max_over_time(sum by (job) (rate(http_requests_total[1m]))[30m:1m])";

    /** Name and text of every query, in table order. */
    public static final String[][] ALL = {
        {"rate", RATE},
        {"sum_rate", SUM_RATE},
        {"sum_by", SUM_BY},
        {"histogram_quantile", HISTOGRAM_QUANTILE},
        {"topk", TOPK},
        {"regex", REGEX},
        {"subquery", SUBQUERY},
    };

    private DashboardQueries() {
    }
}
