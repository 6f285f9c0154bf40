import { test } from "node:test";
import assert from "node:assert/strict";
import { exemplarPoints, matchSeries, nearestPoint, valueRange } from "../../main/resources/io/ignis/ui/assets/js/query/exemplars.js";

const series = [
    { metric: { __name__: "http_requests_total", job: "api", code: "200" } },
    { metric: { job: "api", code: "500" } },
];

test("matchSeries: exact labels first, then equal but for the name a function dropped", () => {
    const cases = [
        [{ __name__: "http_requests_total", job: "api", code: "200" }, 0],
        [{ __name__: "http_requests_total", job: "api", code: "500" }, 1],
        [{ job: "api", code: "500" }, 1],
        [{ __name__: "http_requests_total", job: "api" }, -1],
        [{ __name__: "other", job: "api", code: "200" }, -1],
        [{}, -1],
        [undefined, -1],
    ];
    for (const [labels, want] of cases) {
        assert.equal(matchSeries(labels, series), want, JSON.stringify(labels));
    }
});

test("exemplarPoints: flattens the API answer by time, parses values, drops non-finite ones", () => {
    const data = [
        { seriesLabels: { __name__: "http_requests_total", job: "api", code: "500" },
            exemplars: [{ labels: { trace_id: "b" }, value: "0.25", timestamp: 1600000010.5 }] },
        { seriesLabels: { __name__: "http_requests_total", job: "api", code: "200" },
            exemplars: [{ labels: { trace_id: "a" }, value: "6", timestamp: 1600000001 },
                { labels: { trace_id: "nan" }, value: "NaN", timestamp: 1600000002 },
                { labels: {}, value: "+Inf", timestamp: 1600000003 }] },
    ];
    const { points, total } = exemplarPoints(data, series);
    assert.equal(total, 2);
    assert.deepEqual(points.map((p) => [p.t, p.v, p.labels.trace_id, p.series]), [
        [1600000001, 6, "a", 0],
        [1600000010.5, 0.25, "b", 1],
    ]);
    assert.deepEqual(points[1].seriesLabels.code, "500");
});

test("exemplarPoints: keeps the earliest max points and counts all; tolerates null and empty answers", () => {
    const exemplars = [3, 1, 2].map((t) => ({ labels: {}, value: String(t), timestamp: t }));
    const { points, total } = exemplarPoints([{ seriesLabels: {}, exemplars }], series, 2);
    assert.deepEqual(points.map((p) => p.t), [1, 2]);
    assert.equal(total, 3);
    assert.deepEqual(exemplarPoints(null, series), { points: [], total: 0 });
    assert.deepEqual(exemplarPoints([{ seriesLabels: { a: "b" } }], series), { points: [], total: 0 });
});

test("valueRange: smallest and largest value, null without points", () => {
    assert.equal(valueRange([]), null);
    assert.deepEqual(valueRange([{ v: 2 }, { v: -1 }, { v: 7 }]), [-1, 7]);
});

test("nearestPoint: the closest drawn point within the radius", () => {
    const positions = [{ x: 10, y: 10 }, null, { x: 14, y: 10 }, { x: 100, y: 100 }];
    assert.equal(nearestPoint(positions, 13, 10, 8), 2);
    assert.equal(nearestPoint(positions, 10, 17, 8), 0);
    assert.equal(nearestPoint(positions, 10, 19, 8), -1);
    assert.equal(nearestPoint(positions, 50, 50, 8), -1);
    assert.equal(nearestPoint([], 0, 0, 8), -1);
});
