// Runs in its own process (node --test isolates files), so the time zone can be fixed here.
process.env.TZ = "America/New_York";

import { test } from "node:test";
import assert from "node:assert/strict";

const { formatTime, formatTimeMillis, formatUtc, parseTime } = await import("../../main/resources/io/ignis/ui/assets/js/time.js");

test("local time formatting and parsing use the browser's zone; UTC stays UTC", () => {
    const t = Date.UTC(2024, 0, 15, 12, 30, 45, 7); // 07:30:45 in New York (EST, UTC-5)
    assert.equal(formatTime(t, true), "2024-01-15 07:30:45");
    assert.equal(formatTimeMillis(t, true), "2024-01-15 07:30:45.007");
    assert.equal(formatTime(t, false), "2024-01-15 12:30:45");
    assert.equal(formatUtc(t), "2024-01-15 12:30:45");
    assert.equal(parseTime("2024-01-15 07:30:45.007", true), t);
    assert.equal(parseTime("2024-01-15 12:30:45.007", false), t);
    // An explicit offset or epoch seconds mean the same instant either way.
    assert.equal(parseTime("2024-01-15T12:30:45.007Z", true), t);
    assert.equal(parseTime("1705321845.007", true), t);
    // Summer time: EDT is UTC-4.
    assert.equal(parseTime("2024-07-01 08:00:00", true), Date.UTC(2024, 6, 1, 12));
});
