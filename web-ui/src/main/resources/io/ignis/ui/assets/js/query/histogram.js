// Native histogram values as the API returns them ({count, sum, buckets: [[rule, lower, upper, count], ...]}),
// written out for people. Pure functions, unit-tested under src/test/js.

/** A bucket's range: rule 0 is (lower, upper], 1 [lower, upper), 2 (lower, upper), 3 [lower, upper]. */
export function bucketRange([rule, lower, upper]) {
    const left = rule === 1 || rule === 3 ? "[" : "(";
    const right = rule === 0 || rule === 3 ? "]" : ")";
    return `${left}${lower}, ${upper}${right}`;
}

/** One line: "count: 12  sum: 3.5  (4 buckets)". */
export function histogramSummary(hist) {
    const n = hist.buckets ? hist.buckets.length : 0;
    return `count: ${hist.count}  sum: ${hist.sum}` + (n ? `  (${n} bucket${n === 1 ? "" : "s"})` : "");
}
