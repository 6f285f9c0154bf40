package io.ignis.promql.ast;

import static io.ignis.promql.ast.ValueType.MATRIX;
import static io.ignis.promql.ast.ValueType.SCALAR;
import static io.ignis.promql.ast.ValueType.STRING;
import static io.ignis.promql.ast.ValueType.VECTOR;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The function table of Prometheus 3.14, experimental functions included (flagged). */
public final class Functions {
    private static final Map<String, Function> FUNCTIONS = build();

    private Functions() {
    }

    /** The function with this exact (case-sensitive) name, or null. */
    public static Function get(String name) {
        return FUNCTIONS.get(name);
    }

    /** All functions, sorted by name. */
    public static Collection<Function> all() {
        return Collections.unmodifiableCollection(FUNCTIONS.values());
    }

    private static Map<String, Function> build() {
        Map<String, Function> m = new TreeMap<>();
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil",
                "cos", "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_sum",
                "histogram_stddev", "histogram_stdvar", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            add(m, name, List.of(VECTOR), 0, VECTOR, false);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "first_over_time", "idelta", "increase", "irate", "last_over_time", "max_over_time",
                "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time",
                "sum_over_time")) {
            add(m, name, List.of(MATRIX), 0, VECTOR, false);
        }
        for (String name : List.of("mad_over_time", "ts_of_first_over_time", "ts_of_max_over_time",
                "ts_of_min_over_time", "ts_of_last_over_time")) {
            add(m, name, List.of(MATRIX), 0, VECTOR, true);
        }
        for (String name : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
                "minute", "month", "year")) {
            add(m, name, List.of(VECTOR), 1, VECTOR, false);
        }
        for (String name : List.of("end", "range", "start", "step")) {
            add(m, name, List.of(), 0, SCALAR, true);
        }
        add(m, "clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR, false);
        add(m, "clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        add(m, "clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR, false);
        add(m, "double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR, true);
        add(m, "histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR, false);
        add(m, "histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, false);
        add(m, "histogram_quantiles", List.of(VECTOR, STRING, SCALAR, SCALAR), 9, VECTOR, true);
        add(m, "info", List.of(VECTOR, VECTOR), 1, VECTOR, true);
        add(m, "label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR, false);
        add(m, "label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR, false);
        add(m, "max_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        add(m, "min_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        add(m, "pi", List.of(), 0, SCALAR, false);
        add(m, "predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR, false);
        add(m, "quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR, false);
        add(m, "round", List.of(VECTOR, SCALAR), 1, VECTOR, false);
        add(m, "scalar", List.of(VECTOR), 0, SCALAR, false);
        add(m, "sort_by_label", List.of(VECTOR, STRING), -1, VECTOR, true);
        add(m, "sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR, true);
        add(m, "start_timestamp", List.of(VECTOR), 0, VECTOR, true);
        add(m, "time", List.of(), 0, SCALAR, false);
        add(m, "vector", List.of(SCALAR), 0, VECTOR, false);
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Function> m, String name, List<ValueType> args, int variadic,
                            ValueType returns, boolean experimental) {
        m.put(name, new Function(name, args, variadic, returns, experimental));
    }
}
