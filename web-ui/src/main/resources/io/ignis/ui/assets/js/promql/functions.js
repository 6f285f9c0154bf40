// PromQL 3 vocabulary for highlighting and autocompletion: functions with signatures and a one-line
// description each, aggregation operators, keywords. Descriptions are our own short summaries.

function fn(name, signature, doc, experimental = false) {
    return Object.freeze({ name, signature, doc, experimental });
}

const ONE_VECTOR_MATH = [
    ["abs", "absolute value"], ["ceil", "round up to the nearest integer"],
    ["floor", "round down to the nearest integer"], ["exp", "e raised to each sample value"],
    ["ln", "natural logarithm"], ["log2", "binary logarithm"], ["log10", "decimal logarithm"],
    ["sqrt", "square root"], ["sgn", "sign of each value: -1, 0 or 1"],
    ["deg", "radians to degrees"], ["rad", "degrees to radians"],
    ["sin", "sine (radians)"], ["cos", "cosine (radians)"], ["tan", "tangent (radians)"],
    ["asin", "arcsine"], ["acos", "arccosine"], ["atan", "arctangent"],
    ["sinh", "hyperbolic sine"], ["cosh", "hyperbolic cosine"], ["tanh", "hyperbolic tangent"],
    ["asinh", "inverse hyperbolic sine"], ["acosh", "inverse hyperbolic cosine"],
    ["atanh", "inverse hyperbolic tangent"],
].map(([name, what]) => fn(name, `${name}(v instant-vector)`, `Per sample: ${what}.`));

const CALENDAR = [
    ["day_of_month", "day of the month, 1 to 31"], ["day_of_week", "day of the week, 0 (Sunday) to 6"],
    ["day_of_year", "day of the year, 1 to 366"], ["days_in_month", "number of days in the month, 28 to 31"],
    ["hour", "hour of the day, 0 to 23"], ["minute", "minute of the hour, 0 to 59"],
    ["month", "month of the year, 1 to 12"], ["year", "the year"],
].map(([name, what]) => fn(name, `${name}(v=vector(time()) instant-vector)`,
    `For each value read as a Unix time in UTC: the ${what}.`));

const OVER_TIME = [
    ["avg_over_time", "Average of the samples in each series' range."],
    ["min_over_time", "Smallest sample in each series' range."],
    ["max_over_time", "Largest sample in each series' range."],
    ["sum_over_time", "Sum of the samples in each series' range."],
    ["count_over_time", "Number of samples in each series' range."],
    ["stddev_over_time", "Population standard deviation over each series' range."],
    ["stdvar_over_time", "Population variance over each series' range."],
    ["last_over_time", "Newest sample in each series' range."],
    ["first_over_time", "Oldest sample in each series' range."],
    ["present_over_time", "1 for every series that has a sample in the range."],
    ["absent_over_time", "1 with the selector's labels when no series has a sample in the range, else empty."],
    ["changes", "How many times the value changed within the range."],
    ["resets", "How many counter resets (drops in value) happened within the range."],
    ["delta", "Difference between first and last sample of a gauge, extrapolated to the range."],
    ["idelta", "Difference between the last two samples of a gauge."],
    ["deriv", "Per-second slope of a gauge by simple linear regression."],
    ["rate", "Per-second average increase of a counter over the range, with reset handling."],
    ["irate", "Per-second increase of a counter from its last two samples."],
    ["increase", "Total increase of a counter over the range, extrapolated, with reset handling."],
].map(([name, doc]) => fn(name, `${name}(v range-vector)`, doc));

/** Every PromQL function, sorted by name. */
export const FUNCTIONS = Object.freeze([
    ...ONE_VECTOR_MATH, ...CALENDAR, ...OVER_TIME,
    fn("absent", "absent(v instant-vector)", "1 with the selector's labels when the vector is empty, else empty."),
    fn("clamp", "clamp(v instant-vector, min scalar, max scalar)", "Limits every value to [min, max]."),
    fn("clamp_max", "clamp_max(v instant-vector, max scalar)", "Limits every value to at most max."),
    fn("clamp_min", "clamp_min(v instant-vector, min scalar)", "Limits every value to at least min."),
    fn("round", "round(v instant-vector, to_nearest=1 scalar)", "Rounds each value to the nearest multiple."),
    fn("histogram_avg", "histogram_avg(v instant-vector)", "Arithmetic mean of the observations in each native histogram."),
    fn("histogram_count", "histogram_count(v instant-vector)", "Number of observations in each native histogram."),
    fn("histogram_sum", "histogram_sum(v instant-vector)", "Sum of the observations in each native histogram."),
    fn("histogram_stddev", "histogram_stddev(v instant-vector)", "Estimated standard deviation of each native histogram."),
    fn("histogram_stdvar", "histogram_stdvar(v instant-vector)", "Estimated variance of each native histogram."),
    fn("histogram_fraction", "histogram_fraction(lower scalar, upper scalar, v instant-vector)",
        "Estimated share of observations between lower and upper."),
    fn("histogram_quantile", "histogram_quantile(φ scalar, b instant-vector)",
        "Estimated φ-quantile (0 ≤ φ ≤ 1) from classic buckets (le label) or native histograms."),
    fn("histogram_quantiles", "histogram_quantiles(v instant-vector, label string, φ scalar, ...)",
        "Several quantiles at once, each in its own series marked by the given label.", true),
    fn("double_exponential_smoothing", "double_exponential_smoothing(v range-vector, sf scalar, tf scalar)",
        "Smoothed value of a gauge by Holt's linear method; sf and tf are between 0 and 1.", true),
    fn("predict_linear", "predict_linear(v range-vector, t scalar)",
        "Value of a gauge t seconds from now, by linear regression over the range."),
    fn("quantile_over_time", "quantile_over_time(φ scalar, v range-vector)", "φ-quantile of the samples in each range."),
    fn("mad_over_time", "mad_over_time(v range-vector)", "Median absolute deviation of the samples in each range.", true),
    fn("ts_of_first_over_time", "ts_of_first_over_time(v range-vector)", "Timestamp of the oldest sample in the range.", true),
    fn("ts_of_last_over_time", "ts_of_last_over_time(v range-vector)", "Timestamp of the newest sample in the range.", true),
    fn("ts_of_max_over_time", "ts_of_max_over_time(v range-vector)", "Timestamp of the largest sample in the range.", true),
    fn("ts_of_min_over_time", "ts_of_min_over_time(v range-vector)", "Timestamp of the smallest sample in the range.", true),
    fn("label_replace", "label_replace(v instant-vector, dst string, replacement string, src string, regex string)",
        "Sets dst to the expansion of replacement when regex matches the value of src."),
    fn("label_join", "label_join(v instant-vector, dst string, separator string, src string, ...)",
        "Sets dst to the values of the src labels joined by separator."),
    fn("info", "info(v instant-vector, [selector instant-vector])",
        "Adds the labels of matching info metrics (target_info by default) to each series.", true),
    fn("scalar", "scalar(v instant-vector)", "The value of a one-element vector as a scalar, else NaN."),
    fn("vector", "vector(s scalar)", "The scalar as a vector with one series and no labels."),
    fn("sort", "sort(v instant-vector)", "Orders the series by value, ascending (instant queries only)."),
    fn("sort_desc", "sort_desc(v instant-vector)", "Orders the series by value, descending (instant queries only)."),
    fn("sort_by_label", "sort_by_label(v instant-vector, label string, ...)", "Orders the series by label values, ascending.", true),
    fn("sort_by_label_desc", "sort_by_label_desc(v instant-vector, label string, ...)",
        "Orders the series by label values, descending.", true),
    fn("time", "time()", "Evaluation time in seconds since the Unix epoch."),
    fn("timestamp", "timestamp(v instant-vector)", "Timestamp of each sample in seconds since the epoch."),
    fn("start_timestamp", "start_timestamp(v instant-vector)", "Start (created) timestamp of each sample, when known.", true),
    fn("pi", "pi()", "The number π."),
    fn("start", "start()", "Start of the query range, in seconds (also usable after @).", true),
    fn("end", "end()", "End of the query range, in seconds (also usable after @).", true),
    fn("step", "step()", "The query step as a duration, inside duration expressions.", true),
    fn("range", "range()", "The query range as a duration, inside duration expressions.", true),
    fn("min_of", "min_of(a, b)", "Smaller of two durations, inside duration expressions.", true),
    fn("max_of", "max_of(a, b)", "Larger of two durations, inside duration expressions.", true),
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));

/** Aggregation operators: followed by an optional by/without clause and a parenthesised expression. */
export const AGGREGATIONS = Object.freeze([
    fn("sum", "sum [by|without (labels)] (v)", "Sum over the grouped series."),
    fn("avg", "avg [by|without (labels)] (v)", "Average over the grouped series."),
    fn("min", "min [by|without (labels)] (v)", "Smallest value in each group."),
    fn("max", "max [by|without (labels)] (v)", "Largest value in each group."),
    fn("count", "count [by|without (labels)] (v)", "Number of series in each group."),
    fn("group", "group [by|without (labels)] (v)", "1 for each group; the values are ignored."),
    fn("stddev", "stddev [by|without (labels)] (v)", "Population standard deviation in each group."),
    fn("stdvar", "stdvar [by|without (labels)] (v)", "Population variance in each group."),
    fn("topk", "topk [by|without (labels)] (k, v)", "The k largest series of each group, by value."),
    fn("bottomk", "bottomk [by|without (labels)] (k, v)", "The k smallest series of each group, by value."),
    fn("limitk", "limitk [by|without (labels)] (k, v)", "Some k series of each group, chosen deterministically.", true),
    fn("limit_ratio", "limit_ratio [by|without (labels)] (r, v)",
        "A deterministic sample of about ratio r of the series in each group.", true),
    fn("quantile", "quantile [by|without (labels)] (φ, v)", "φ-quantile of the values in each group."),
    fn("count_values", "count_values [by|without (labels)] (\"label\", v)",
        "Number of series per distinct value; the value goes into the given label."),
]);

/** Keywords that modify selectors and operators, with what they do. */
export const KEYWORDS = Object.freeze([
    fn("by", "by (labels)", "Aggregate keeping only these labels."),
    fn("without", "without (labels)", "Aggregate dropping these labels."),
    fn("on", "on (labels)", "Match the two sides of a binary operation on these labels only."),
    fn("ignoring", "ignoring (labels)", "Match the two sides ignoring these labels."),
    fn("group_left", "group_left (labels)", "Many-to-one matching; copies these labels from the right side."),
    fn("group_right", "group_right (labels)", "One-to-many matching; copies these labels from the left side."),
    fn("bool", "bool", "Comparison returns 0 or 1 instead of filtering."),
    fn("offset", "offset <duration>", "Shifts the selector's time back by the duration."),
    fn("and", "a and b", "Series of a that have a match in b."),
    fn("or", "a or b", "All of a, plus series of b without a match in a."),
    fn("unless", "a unless b", "Series of a that have no match in b."),
    fn("atan2", "a atan2 b", "Arctangent of a/b, element-wise."),
    fn("smoothed", "selector[range] smoothed", "Range interpolated at its boundaries.", true),
    fn("anchored", "selector[range] anchored", "Range anchored to the samples at its boundaries.", true),
    fn("fill", "fill (value)", "Value for missing matches on both sides of a binary operation.", true),
    fn("fill_left", "fill_left (value)", "Value for missing matches on the left side.", true),
    fn("fill_right", "fill_right (value)", "Value for missing matches on the right side.", true),
]);

const NAMES = new Map();
for (const list of [FUNCTIONS, AGGREGATIONS, KEYWORDS]) {
    for (const f of list) {
        if (!NAMES.has(f.name)) {
            NAMES.set(f.name, f);
        }
    }
}

/** Looks a function, aggregation or keyword up by name; undefined when unknown. */
export function describe(name) {
    return NAMES.get(name);
}

export const FUNCTION_NAMES = new Set(FUNCTIONS.map((f) => f.name));
export const AGGREGATION_NAMES = new Set(AGGREGATIONS.map((f) => f.name));
/** Keywords that take a parenthesised list of label names. */
export const GROUPING_KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
export const KEYWORD_NAMES = new Set(KEYWORDS.map((k) => k.name));
