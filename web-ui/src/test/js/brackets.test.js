import { test } from "node:test";
import assert from "node:assert/strict";
import { matchingBracket } from "../../main/resources/io/ignis/ui/assets/js/promql/brackets.js";
import { tokenize } from "../../main/resources/io/ignis/ui/assets/js/promql/tokenizer.js";

/** The cursor is at "|"; returns the [start, start] offsets of the matched pair, or null. */
function pair(input) {
    const cursor = input.indexOf("|");
    const tokens = tokenize(input.replace("|", ""));
    const m = matchingBracket(tokens, cursor);
    return m === null ? null : [tokens[m[0]].start, tokens[m[1]].start];
}

test("matchingBracket", () => {
    const cases = [
        ["sum(|x)", [3, 5]],
        ["sum(x)|", [3, 5]],
        ["sum|(x)", [3, 5]],
        ["rate(x[5m]|)", [6, 9]],
        ["rate(x[5m])|", [4, 10]],
        ['up{job="(|"}', null],
        ['up{job=")"}|', [2, 10]],
        ["((a)|)", [1, 3]],
        ["((a))|", [0, 4]],
        ["(a|", null],
        ["(|a", null],
        ["a) |", null],
        ["x|", null],
    ];
    for (const [input, want] of cases) {
        assert.deepEqual(pair(input), want, input);
    }
});
