package io.ignis.promql.functions;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import java.util.HashMap;
import java.util.Map;

/**
 * Function name → implementation. {@code label_replace}, {@code label_join} and {@code info} work on whole
 * series and are evaluated by the engine itself; the native-histogram functions are not here yet.
 */
public final class FunctionCalls {
    private static final Map<String, FunctionCall> CALLS = build();

    private FunctionCalls() {
    }

    /** The implementation of {@code name}, or null. */
    public static FunctionCall get(String name) {
        return CALLS.get(name);
    }

    private static Map<String, FunctionCall> build() {
        Map<String, FunctionCall> m = new HashMap<>();
        m.put("rate", RateFunctions::rate);
        m.put("increase", RateFunctions::increase);
        m.put("delta", RateFunctions::delta);
        m.put("irate", RateFunctions::irate);
        m.put("idelta", RateFunctions::idelta);
        m.put("resets", RateFunctions::resets);
        m.put("changes", RateFunctions::changes);
        m.put("deriv", RegressionFunctions::deriv);
        m.put("predict_linear", RegressionFunctions::predictLinear);
        m.put("double_exponential_smoothing", RegressionFunctions::doubleExponentialSmoothing);
        m.put("avg_over_time", OverTimeFunctions::avg);
        m.put("sum_over_time", OverTimeFunctions::sum);
        m.put("count_over_time", OverTimeFunctions::count);
        m.put("min_over_time", OverTimeFunctions::min);
        m.put("max_over_time", OverTimeFunctions::max);
        m.put("stddev_over_time", OverTimeFunctions::stddev);
        m.put("stdvar_over_time", OverTimeFunctions::stdvar);
        m.put("last_over_time", OverTimeFunctions::last);
        m.put("first_over_time", OverTimeFunctions::first);
        m.put("present_over_time", OverTimeFunctions::present);
        m.put("absent_over_time", OverTimeFunctions::present);
        m.put("quantile_over_time", OverTimeFunctions::quantile);
        m.put("mad_over_time", OverTimeFunctions::mad);
        m.put("ts_of_last_over_time", OverTimeFunctions::tsOfLast);
        m.put("ts_of_first_over_time", OverTimeFunctions::tsOfFirst);
        m.put("ts_of_max_over_time", OverTimeFunctions::tsOfMax);
        m.put("ts_of_min_over_time", OverTimeFunctions::tsOfMin);
        m.put("abs", MathFunctions.simple(Math::abs));
        m.put("ceil", MathFunctions.simple(Math::ceil));
        m.put("floor", MathFunctions.simple(Math::floor));
        m.put("exp", MathFunctions.simple(Math::exp));
        m.put("sqrt", MathFunctions.simple(Math::sqrt));
        m.put("ln", MathFunctions.simple(Math::log));
        m.put("log2", MathFunctions.simple(v -> Math.log(v) / Math.log(2)));
        m.put("log10", MathFunctions.simple(Math::log10));
        m.put("sgn", MathFunctions.simple(MathFunctions::sgn));
        m.put("sin", MathFunctions.simple(Math::sin));
        m.put("cos", MathFunctions.simple(Math::cos));
        m.put("tan", MathFunctions.simple(Math::tan));
        m.put("asin", MathFunctions.simple(Math::asin));
        m.put("acos", MathFunctions.simple(Math::acos));
        m.put("atan", MathFunctions.simple(Math::atan));
        m.put("sinh", MathFunctions.simple(Math::sinh));
        m.put("cosh", MathFunctions.simple(Math::cosh));
        m.put("tanh", MathFunctions.simple(Math::tanh));
        m.put("asinh", MathFunctions.simple(MathFunctions::asinh));
        m.put("acosh", MathFunctions.simple(MathFunctions::acosh));
        m.put("atanh", MathFunctions.simple(MathFunctions::atanh));
        m.put("deg", MathFunctions.simple(v -> v * 180 / Math.PI));
        m.put("rad", MathFunctions.simple(v -> v * Math.PI / 180));
        m.put("pi", VectorFunctions::pi);
        m.put("clamp", MathFunctions::clamp);
        m.put("clamp_min", MathFunctions::clampMin);
        m.put("clamp_max", MathFunctions::clampMax);
        m.put("round", MathFunctions::round);
        m.put("time", TimeFunctions::time);
        m.put("timestamp", TimeFunctions::timestamp);
        m.put("start_timestamp", TimeFunctions::startTimestamp);
        m.put("minute", TimeFunctions.date(t -> t.getMinute()));
        m.put("hour", TimeFunctions.date(t -> t.getHour()));
        m.put("month", TimeFunctions.date(t -> t.getMonthValue()));
        m.put("year", TimeFunctions.date(t -> t.getYear()));
        m.put("day_of_month", TimeFunctions.date(t -> t.getDayOfMonth()));
        m.put("day_of_week", TimeFunctions.date(t -> t.getDayOfWeek().getValue() % 7));
        m.put("day_of_year", TimeFunctions.date(t -> t.getDayOfYear()));
        m.put("days_in_month", TimeFunctions.date(TimeFunctions::daysInMonth));
        m.put("min_of", ctx -> ctx.out.add(Labels.EMPTY, ctx.ts,
                Math.min(ctx.scalarArg(0), ctx.scalarArg(1)), false));
        m.put("max_of", ctx -> ctx.out.add(Labels.EMPTY, ctx.ts,
                Math.max(ctx.scalarArg(0), ctx.scalarArg(1)), false));
        m.put("absent", VectorFunctions::absent);
        m.put("scalar", VectorFunctions::scalar);
        m.put("vector", VectorFunctions::vector);
        m.put("sort", ctx -> VectorFunctions.sort(ctx, false));
        m.put("sort_desc", ctx -> VectorFunctions.sort(ctx, true));
        m.put("sort_by_label", ctx -> VectorFunctions.sortByLabel(ctx, false));
        m.put("sort_by_label_desc", ctx -> VectorFunctions.sortByLabel(ctx, true));
        m.put("histogram_quantile", HistogramFunctions::quantile);
        m.put("histogram_quantiles", HistogramFunctions::quantiles);
        m.put("histogram_fraction", HistogramFunctions::fraction);
        m.put("histogram_count", NativeHistogramStats.of(FloatHistogram::count));
        m.put("histogram_sum", NativeHistogramStats.of(FloatHistogram::sum));
        m.put("histogram_avg", NativeHistogramStats.of(h -> h.sum() / h.count()));
        m.put("histogram_stdvar", NativeHistogramStats.of(NativeHistogramStats::variance));
        m.put("histogram_stddev", NativeHistogramStats.of(h -> Math.sqrt(NativeHistogramStats.variance(h))));
        return m;
    }
}
