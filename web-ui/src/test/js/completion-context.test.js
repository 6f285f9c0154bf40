import { test } from "node:test";
import assert from "node:assert/strict";
import { completionContext, matchSelector, quoteLabelValue } from "../../main/resources/io/ignis/ui/assets/js/promql/completion-context.js";

/** The cursor is where "|" is in the input. */
function ctx(input) {
    const cursor = input.indexOf("|");
    return completionContext(input.replace("|", ""), cursor);
}

test("kind and prefix at the cursor", () => {
    const cases = [
        ["|", "expression", ""],
        ["up|", "expression", "up"],
        ["rate(node_cp|", "expression", "node_cp"],
        ["rate(node_cp|u_seconds)", "expression", "node_cp"],
        ["sum by (jo|", "label_name", "jo"],
        ["sum by (job, |", "label_name", ""],
        ["x / on(|) y", "label_name", ""],
        ["up{|", "label_name", ""],
        ["up{jo|", "label_name", "jo"],
        ['up{job="a",|', "label_name", ""],
        ['up{job="a", in|}', "label_name", "in"],
        ["up{job=|", "label_value", ""],
        ['up{job="pro|', "label_value", "pro"],
        ['up{job=~"pro|"}', "label_value", "pro"],
        ["rate(x[|", "duration", ""],
        ["rate(x[5|", "duration", "5"],
        ["rate(x[5m:|", "duration", ""],
        ["x offset |", "duration", ""],
        ["# comm|", "none", ""],
        ['label_replace(x, "ds|', "none", ""],
        ["1.5|", "none", ""],
        ['up{job="a"|', "none", ""],
        ["sum(x) |", "expression", ""],
        ["x + |", "expression", ""],
    ];
    for (const [input, kind, prefix] of cases) {
        const c = ctx(input);
        assert.equal(c.kind, kind, input);
        assert.equal(c.prefix, prefix, input);
    }
});

test("replacement range", () => {
    assert.deepEqual([ctx("rate(node_cp|").from, ctx("rate(node_cp|").to], [5, 12]);
    const v = ctx('up{job="pro|');
    assert.deepEqual([v.from, v.to, v.quote], [8, 11, '"']);
    assert.equal(ctx("up{job=|").quote, "");
});

test("label contexts carry the selector", () => {
    const v = ctx('http_requests_total{code="200", job=~"a|');
    assert.equal(v.label, "job");
    assert.equal(v.metric, "http_requests_total");
    assert.deepEqual(v.matchers, [{ name: "code", op: "=", value: "200" }]);
    assert.equal(ctx("{|").metric, null);
    assert.equal(ctx("sum by (|").metric, null);
});

test("matchSelector builds match[] for lookups", () => {
    const cases = [
        [{ metric: "up", matchers: [] }, "up"],
        [{ metric: "up", matchers: [{ name: "job", op: "=", value: 'a"b' }] }, 'up{job="a\\"b"}'],
        [{ metric: null, matchers: [{ name: "job", op: "=~", value: "x" }] }, '{job=~"x"}'],
        [{ metric: "my.metric", matchers: [] }, '{"my.metric"}'],
        [{ metric: "up", label: "job", matchers: [{ name: "job", op: "=", value: "partial" }] }, "up"],
        [{ metric: null, matchers: [] }, null],
    ];
    for (const [c, want] of cases) {
        assert.equal(matchSelector(c), want, JSON.stringify(c));
    }
    assert.equal(quoteLabelValue("a\\b\n"), '"a\\\\b\\n"');
});

test("selectors with __name__ matchers and grouping after aggregation bodies", () => {
    const v = ctx('{__name__="up", job="|');
    assert.equal(v.kind, "label_value");
    assert.equal(matchSelector(v), '{__name__="up"}');
    const g = ctx("sum(rate(x[5m])) by (|");
    assert.equal(g.kind, "label_name");
    const inner = ctx("sum by (job) (rate(x{|");
    assert.equal(inner.kind, "label_name");
    assert.equal(inner.metric, "x");
});
