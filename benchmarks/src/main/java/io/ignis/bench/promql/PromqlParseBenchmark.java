package io.ignis.bench.promql;

import io.ignis.bench.BenchmarkDefaults;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.parser.PromqlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How many queries per second does the parser turn into checked ASTs? Input: each query of the dashboard
 * set ({@link DashboardQueries}, 30 to 110 characters, up to four nested calls and aggregations), parsed from
 * text every time as the HTTP API does.
 */
@State(Scope.Benchmark)
public class PromqlParseBenchmark extends BenchmarkDefaults {
    @Param({"rate", "sum_rate", "sum_by", "histogram_quantile", "topk", "regex", "subquery"})
    public String query;

    private String text;

    @Setup
    public void setUp() {
        for (String[] q : DashboardQueries.ALL) {
            if (q[0].equals(query)) {
                text = q[1];
            }
        }
        if (text == null) {
            throw new IllegalArgumentException("unknown query " + query);
        }
    }

    @Benchmark
    public Expr parse() {
        return PromqlParser.parse(text);
    }
}
