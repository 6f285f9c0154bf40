import { test } from "node:test";
import assert from "node:assert/strict";
import { parseErrorOffset } from "../../main/resources/io/ignis/ui/assets/js/promql/error-position.js";

test("parseErrorOffset", () => {
    const cases = [
        // [message, expression, want]
        ["1:6: parse error: unexpected <EOF>", "rate(", 5],
        ['invalid parameter "query": 1:14: parse error: unexpected "}"', 'sum(x{a="b"}}', 13],
        ["1:1: parse error: unexpected end of input", "", 0],
        ["2:3: parse error: bad", "sum(\n  )x", 7],
        ['1:10: parse error: unexpected "}"', '{"é"="x"} y', 8], // é is two bytes
        ["3:1: parse error: past the end", "one line", null],
        ["some other error", "x", null],
        [undefined, "x", null],
    ];
    for (const [message, expr, want] of cases) {
        assert.equal(parseErrorOffset(message, expr), want, String(message));
    }
});
