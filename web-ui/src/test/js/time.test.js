import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, formatUtc, formatUtcMillis, humanizeDuration, parseDuration, parseTime, relativeTime }
    from "../../main/resources/io/ignis/ui/assets/js/time.js";

test("parseDuration", () => {
    const cases = [
        ["5m", 300000], ["1h", 3600000], ["1d2h3m4s5ms", 93784005], ["0", 0], ["2w", 1209600000],
        ["1y", 31536000000], ["90s", 90000], [" 15s ", 15000],
        ["", null], ["5", null], ["1h1d", null], ["-5m", null], ["5 m", null], ["abc", null], [null, null],
    ];
    for (const [input, want] of cases) {
        assert.equal(parseDuration(input), want, JSON.stringify(input));
    }
});

test("formatDuration", () => {
    const cases = [
        [0, "0s"], [300000, "5m"], [3600000, "1h"], [93784005, "1d2h3m4s5ms"], [7776000000, "90d"],
        [1209600000, "2w"], [31536000000, "1y"], [-60000, "-1m"], [500, "500ms"],
    ];
    for (const [input, want] of cases) {
        assert.equal(formatDuration(input), want, String(input));
    }
});

test("formatDuration and parseDuration round-trip", () => {
    for (const ms of [1, 999, 1000, 61000, 3600000, 86400000 * 8, 86400000 * 365 * 2 + 3600000]) {
        assert.equal(parseDuration(formatDuration(ms)), ms, String(ms));
    }
});

test("humanizeDuration", () => {
    assert.equal(humanizeDuration(93784500), "1d 2h 3m 4.5s");
    assert.equal(humanizeDuration(12300), "12.3s");
    assert.equal(humanizeDuration(0), "0s");
    assert.equal(humanizeDuration(0.25), "0.25ms");
});

test("formatUtc and parseTime", () => {
    assert.equal(formatUtc(Date.UTC(2024, 4, 1, 10, 0, 7)), "2024-05-01 10:00:07");
    assert.equal(formatUtcMillis(Date.UTC(2024, 4, 1, 10, 0, 7, 42)), "2024-05-01 10:00:07.042");
    const cases = [
        ["2024-05-01 10:00:07", Date.UTC(2024, 4, 1, 10, 0, 7)],
        ["2024-05-01T10:00:07Z", Date.UTC(2024, 4, 1, 10, 0, 7)],
        ["2024-05-01 10:00", Date.UTC(2024, 4, 1, 10, 0)],
        ["2024-05-01", Date.UTC(2024, 4, 1)],
        ["2024-05-01T12:00:07+02:00", Date.UTC(2024, 4, 1, 10, 0, 7)],
        ["2024-05-01 10:00:07.5", Date.UTC(2024, 4, 1, 10, 0, 7, 500)],
        ["1714557607", 1714557607000], ["1714557607.25", 1714557607250],
        ["yesterday", null], ["", null], ["2024-05-01 10", null],
    ];
    for (const [input, want] of cases) {
        assert.equal(parseTime(input), want, input);
    }
});

test("relativeTime", () => {
    const now = Date.UTC(2024, 4, 1, 10, 0, 0);
    assert.equal(relativeTime("2024-05-01T09:59:47.7Z", now), "12.3s ago");
    assert.equal(relativeTime("2024-05-01T10:05:00Z", now), "in 5m");
    assert.equal(relativeTime("2024-05-01T09:53:27.4Z", now), "6m 33s ago");
    assert.equal(relativeTime("0001-01-01T00:00:00Z", now), "never");
    assert.equal(relativeTime("garbage", now), "never");
});
