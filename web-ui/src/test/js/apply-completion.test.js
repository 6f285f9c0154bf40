import { test } from "node:test";
import assert from "node:assert/strict";
import { applyCompletion } from "../../main/resources/io/ignis/ui/assets/js/query/apply-completion.js";
import { completionContext } from "../../main/resources/io/ignis/ui/assets/js/promql/completion-context.js";

/** Applies insert at "|" in input; returns the new text with "|" at the new caret. */
function apply(input, insert) {
    const cursor = input.indexOf("|");
    const text = input.replace("|", "");
    const r = applyCompletion(text, completionContext(text, cursor), insert);
    return r.text.slice(0, r.caret) + "|" + r.text.slice(r.caret);
}

test("applyCompletion", () => {
    const cases = [
        ["node_cp|", "node_cpu_seconds_total", "node_cpu_seconds_total|"],
        ["rate(node_cp|u_x[5m])", "node_cpu_seconds_total", "rate(node_cpu_seconds_total|[5m])"],
        ["ra|", "rate(", "rate(|)"],
        ["ra|(x[5m])", "rate(", "rate(|x[5m])"],
        ["ra| )", "rate(", "rate(| )"],
        ["sum by (jo|) (x)", "job", "sum by (job|) (x)"],
        ['up{job="pro|', 'prometheus"', 'up{job="prometheus"|'],
        ['up{job="pro|"}', 'prometheus"', 'up{job="prometheus"|}'],
        ['up{job="pro|m"}', 'prometheus"', 'up{job="prometheus"|}'],
        ["up{job=|}", '"prometheus"', 'up{job="prometheus"|}'],
        ["rate(x[5|])", "5m", "rate(x[5m|])"],
        ["|", "up", "up|"],
    ];
    for (const [input, insert, want] of cases) {
        assert.equal(apply(input, insert), want, input);
    }
});
