import { test } from "node:test";
import assert from "node:assert/strict";
import { effectiveStep, rangeQueryParams, stepRange } from "../../main/resources/io/ignis/ui/assets/js/query/step.js";

test("automatic step is range / factor rounded down to whole seconds, at least 1s", () => {
    const cases = [
        // [range ms, density, want ms]
        [3600000, "medium", 14000], [3600000, "low", 36000], [3600000, "high", 4000],
        [86400000, "medium", 345000], [60000, "medium", 1000], [1000, "high", 1000],
        [7 * 86400000, "medium", 2419000],
    ];
    for (const [range, density, want] of cases) {
        assert.equal(effectiveStep({ type: "auto", density }, range), want, `${range} ${density}`);
    }
});

test("fixed and custom steps are taken as given; bad ones fall back to auto", () => {
    assert.equal(effectiveStep({ type: "custom", step: 15000 }, 3600000), 15000);
    assert.equal(effectiveStep({ type: "fixed", step: 500 }, 3600000), 500);
    assert.equal(effectiveStep({ type: "custom", step: 0 }, 3600000), 14000);
    assert.equal(effectiveStep({ type: "auto", density: "bogus" }, 3600000), 14000);
    assert.equal(effectiveStep(undefined, 3600000), 14000);
});

test("range query parameters are seconds", () => {
    assert.deepEqual(rangeQueryParams(1714557600000, 3600000, 14000), { start: 1714554000, end: 1714557600, step: 14 });
});

test("range stepper moves through the presets", () => {
    assert.equal(stepRange(3600000, 1), 2 * 3600000);
    assert.equal(stepRange(3600000, -1), 30 * 60000);
    assert.equal(stepRange(5400000, 1), 2 * 3600000);
    assert.equal(stepRange(5400000, -1), 3600000);
    assert.equal(stepRange(1000, -1), 1000);
    assert.equal(stepRange(730 * 86400000, 1), 730 * 86400000);
});

test("a custom step is a duration or plain seconds", async () => {
    // time-controls.js builds DOM only when called; importing it needs no document.
    const { parseStep } = await import("../../main/resources/io/ignis/ui/assets/js/query/time-controls.js");
    const cases = [["15s", 15000], ["1m30s", 90000], ["15", 15000], ["0.5", 500], [" 2 ", 2000], ["0", null], ["", null],
        ["abc", null], ["-5", null]];
    for (const [input, want] of cases) {
        assert.equal(parseStep(input), want, JSON.stringify(input));
    }
});
