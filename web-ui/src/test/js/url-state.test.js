import { test } from "node:test";
import assert from "node:assert/strict";
import { decodePanels, encodePanels, newPanel } from "../../main/resources/io/ignis/ui/assets/js/query/url-state.js";

test("decodes a Prometheus 3 link", () => {
    const q = "g0.expr=rate(up%5B5m%5D)&g0.show_tree=0&g0.tab=graph&g0.end_input=2024-05-01%2010%3A00%3A00"
        + "&g0.moment_input=2024-05-01%2010%3A00%3A00&g0.range_input=6h&g0.res_type=auto&g0.res_density=high"
        + "&g0.display_mode=stacked&g0.show_exemplars=1"
        + "&g1.expr=up&g1.tab=table&g1.res_type=fixed&g1.res_step=30&g1.y_axis_min=0";
    const [a, b] = decodePanels(q);
    assert.equal(a.expr, "rate(up[5m])");
    assert.equal(a.tab, "graph");
    assert.equal(a.endTime, Date.UTC(2024, 4, 1, 10));
    assert.equal(a.range, 6 * 3600000);
    assert.deepEqual(a.resolution, { type: "auto", density: "high" });
    assert.equal(a.displayMode, "stacked");
    assert.equal(a.showExemplars, true);
    assert.equal(b.expr, "up");
    assert.equal(b.tab, "table");
    assert.equal(b.endTime, null);
    assert.deepEqual(b.resolution, { type: "fixed", step: 30000 });
    assert.equal(b.yAxisMin, 0);
});

test("decodes a Prometheus 2 link (numeric tab, stacked, step_input)", () => {
    const [p] = decodePanels("?g0.expr=up&g0.tab=0&g0.stacked=1&g0.range_input=1d&g0.step_input=60"
        + "&g0.end_input=2024-05-01%2010%3A00");
    assert.equal(p.tab, "graph");
    assert.equal(p.displayMode, "stacked");
    assert.equal(p.range, 86400000);
    assert.deepEqual(p.resolution, { type: "custom", step: 60000 });
    assert.equal(p.endTime, Date.UTC(2024, 4, 1, 10));
    assert.equal(decodePanels("g0.expr=x&g0.tab=1")[0].tab, "table");
});

test("stops at the first panel without an expr and ignores bad values", () => {
    const panels = decodePanels("g0.expr=a&g2.expr=c&g0.range_input=bogus&g0.tab=nope&g0.res_type=auto&g0.res_density=x"
        + "&g0.display_mode=pie&g0.end_input=never");
    assert.equal(panels.length, 1);
    assert.deepEqual({ ...panels[0], expr: "" }, newPanel());
    assert.deepEqual(decodePanels(""), []);
});

test("encodes in Prometheus 3's parameter names", () => {
    const p = newPanel("sum(x)");
    p.tab = "graph";
    p.endTime = Date.UTC(2024, 4, 1, 10, 30);
    p.range = 2 * 3600000;
    const q = new URLSearchParams(encodePanels([p, newPanel("up")]));
    assert.deepEqual([...q.keys()].filter((k) => k.startsWith("g0.")), [
        "g0.expr", "g0.show_tree", "g0.tab", "g0.end_input", "g0.moment_input", "g0.range_input", "g0.res_type",
        "g0.res_density", "g0.display_mode", "g0.show_exemplars",
    ]);
    assert.equal(q.get("g0.expr"), "sum(x)");
    assert.equal(q.get("g0.end_input"), "2024-05-01 10:30:00");
    assert.equal(q.get("g0.range_input"), "2h");
    assert.equal(q.get("g0.res_density"), "medium");
    assert.equal(q.get("g1.expr"), "up");
    assert.equal(q.get("g1.tab"), "table");
    assert.equal(q.has("g1.end_input"), false);
});

test("encode then decode gives back the panels", () => {
    const a = newPanel('rate(http_requests_total{job="api", path=~"/a&b=c"}[5m]) # comment\n+ 1');
    a.tab = "graph";
    a.endTime = Date.UTC(2023, 11, 31, 23, 59, 59);
    a.range = 93784000;
    a.resolution = { type: "custom", step: 1500 };
    a.displayMode = "stacked";
    a.yAxisMin = -3.5;
    a.showTree = true;
    const b = newPanel("up");
    b.resolution = { type: "auto", density: "low" };
    assert.deepEqual(decodePanels(encodePanels([a, b])), [a, b]);
});

test("single settings decode like Prometheus 3", () => {
    const cases = [
        // [query string, field, want]
        ["foo=bar", null, null],
        ["g0.expr=up&g0.show_tree=1", "showTree", true],
        ["g0.expr=up&g0.tab=explain", "tab", "explain"],
        ["g0.expr=up&g0.display_mode=heatmap", "displayMode", "heatmap"],
        ["g0.expr=up&g0.stacked=0&g0.display_mode=stacked", "displayMode", "lines"],
        ["g0.expr=up&g0.y_axis_min=10.5", "yAxisMin", 10.5],
        ["g0.expr=up&g0.y_axis_min=", "yAxisMin", null],
        ["g0.expr=up&g0.show_exemplars=1", "showExemplars", true],
        ["g0.expr=up&g0.moment_input=2024-01-15%2012%3A30%3A45", "endTime", 1705321845000],
        ["g0.expr=up&g0.step_input=0", "resolution", { type: "auto", density: "medium" }],
        ["g0.expr=up&g0.step_input=15&g0.res_type=auto&g0.res_density=low", "resolution", { type: "auto", density: "low" }],
        ["g0.expr=up&g0.res_type=custom&g0.res_step=0.5", "resolution", { type: "custom", step: 500 }],
        ["g0.expr=up&g0.res_type=fixed", "resolution", { type: "auto", density: "medium" }],
    ];
    for (const [qs, field, want] of cases) {
        const panels = decodePanels(qs);
        if (field === null) {
            assert.deepEqual(panels, [], qs);
        } else {
            assert.deepEqual(panels[0][field], want, qs);
        }
    }
});
