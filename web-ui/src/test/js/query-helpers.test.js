import { test } from "node:test";
import assert from "node:assert/strict";
import { rankSuggestions } from "../../main/resources/io/ignis/ui/assets/js/query/suggest.js";
import { HISTORY_KEY, addToHistory, loadHistory, recordQuery } from "../../main/resources/io/ignis/ui/assets/js/query/history.js";
import { parseSampleValue, seriesNameText, seriesParts } from "../../main/resources/io/ignis/ui/assets/js/query/series-name.js";
import { alignMatrix, stack } from "../../main/resources/io/ignis/ui/assets/js/query/graph-data.js";
import { labelValuesPath } from "../../main/resources/io/ignis/ui/assets/js/api.js";

test("rankSuggestions: prefix matches first, shorter first, then substrings by position", () => {
    const items = ["node_load1", "up", "process_cpu_seconds_total", "node_cpu_seconds_total", "cpu", "rate", "irate"]
        .map((label) => ({ label, kind: label.includes("rate") ? "function" : "metric" }));
    const labels = (prefix) => rankSuggestions(items, prefix).map((i) => i.label);
    assert.deepEqual(labels("cpu"), ["node_cpu_seconds_total", "process_cpu_seconds_total"]);
    assert.deepEqual(labels("CPU_S"), ["node_cpu_seconds_total", "process_cpu_seconds_total"]);
    assert.deepEqual(labels("node"), ["node_load1", "node_cpu_seconds_total"]);
    assert.deepEqual(labels("rate"), ["rate", "irate"]);
    assert.deepEqual(labels("zzz"), []);
    assert.equal(labels("").length, items.length);
    assert.deepEqual(rankSuggestions(items, "cpu_s")[0].match, [5, 10]);
    assert.equal(rankSuggestions(items, "", 2).length, 2);
});

test("history: newest first, no duplicates, bounded, robust storage", () => {
    assert.deepEqual(addToHistory(["b", "a"], "a"), ["a", "b"]);
    assert.deepEqual(addToHistory(["b"], "  "), ["b"]);
    assert.deepEqual(addToHistory(["c", "b", "a"], "d", 3), ["d", "c", "b"]);
    const mem = new Map();
    const storage = { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => mem.set(k, v) };
    recordQuery(storage, "up");
    recordQuery(storage, "rate(x[5m])");
    assert.deepEqual(loadHistory(storage), ["rate(x[5m])", "up"]);
    mem.set(HISTORY_KEY, "{not json");
    assert.deepEqual(loadHistory(storage), []);
    const full = { getItem: () => null, setItem: () => { throw new Error("quota"); } };
    assert.deepEqual(recordQuery(full, "up"), ["up"]);
});

test("series names", () => {
    const cases = [
        [{ __name__: "up", job: "a", instance: "x" }, 'up{instance="x", job="a"}'],
        [{ __name__: "up" }, "up"],
        [{}, "{}"],
        [{ job: 'q"uo\\te' }, '{job="q\\"uo\\\\te"}'],
        [{ __name__: "my.metric", "a.b": "c" }, '{"my.metric", "a.b"="c"}'],
    ];
    for (const [metric, want] of cases) {
        assert.equal(seriesNameText(metric), want);
    }
    assert.deepEqual(seriesParts({ b: "2", __name__: "m", a: "1" }), { name: "m", labels: [["a", "1"], ["b", "2"]] });
    assert.equal(parseSampleValue("+Inf"), Infinity);
    assert.equal(parseSampleValue("-Inf"), -Infinity);
    assert.ok(Number.isNaN(parseSampleValue("NaN")));
    assert.equal(parseSampleValue("1e3"), 1000);
});

test("alignMatrix puts samples on the step grid with gaps", () => {
    const result = [
        { metric: { a: "1" }, values: [[100, "1"], [110, "2"], [130, "NaN"], [140, "+Inf"]] },
        { metric: { a: "2" }, values: [[120, "5"], [139.9, "6"]] },
        { metric: { h: "1" }, histograms: [[100, { count: "1", sum: "1" }]] },
    ];
    const { xs, series, histogramSeries } = alignMatrix(result, 100, 140, 10);
    assert.deepEqual(xs, [100, 110, 120, 130, 140]);
    assert.deepEqual(series.map((s) => s.ys), [[1, 2, null, null, null], [null, null, 5, null, 6]]);
    assert.equal(histogramSeries, 1);
    assert.equal(alignMatrix([], 0, 3599, 14).xs.length, 258);
});

test("stack sums visible series and keeps gaps", () => {
    const ys = [[1, 2, null], [10, null, 30], [100, 200, 300]];
    assert.deepEqual(stack(ys, [true, true, true]), [[1, 2, null], [11, null, 30], [111, 202, 330]]);
    assert.deepEqual(stack(ys, [true, false, true]), [[1, 2, null], [10, null, 30], [101, 202, 300]]);
});

test("label values path escapes non-legacy names", () => {
    assert.equal(labelValuesPath("job"), "label/job/values");
    assert.equal(labelValuesPath("__name__"), "label/__name__/values");
    assert.equal(labelValuesPath("http.status_code"), "label/U__http_2e_status__code/values");
    assert.equal(labelValuesPath("1a"), "label/U__1a/values");
});

test("native histogram text", async () => {
    const { bucketRange, histogramSummary } = await import("../../main/resources/io/ignis/ui/assets/js/query/histogram.js");
    assert.equal(bucketRange([0, "0.5", "1", "3"]), "(0.5, 1]");
    assert.equal(bucketRange([1, "-1", "-0.5", "3"]), "[-1, -0.5)");
    assert.equal(bucketRange([2, "0", "1", "3"]), "(0, 1)");
    assert.equal(bucketRange([3, "-0.001", "0.001", "3"]), "[-0.001, 0.001]");
    assert.equal(histogramSummary({ count: "12", sum: "3.5", buckets: [[0, "0.5", "1", "12"]] }), "count: 12  sum: 3.5  (1 bucket)");
    assert.equal(histogramSummary({ count: "0", sum: "0" }), "count: 0  sum: 0");
});
