import { test } from "node:test";
import assert from "node:assert/strict";
import { groupByPool, healthCounts, targetMatches } from "../../main/resources/io/ignis/ui/assets/js/status/targets-model.js";
import { yamlLineParts } from "../../main/resources/io/ignis/ui/assets/js/status/yaml-lines.js";

const targets = [
    { scrapePool: "node", health: "up", scrapeUrl: "http://a:9100/metrics", labels: { instance: "a:9100", job: "node" } },
    { scrapePool: "api", health: "down", scrapeUrl: "http://b:80/metrics", labels: { job: "api" }, lastError: "connection refused" },
    { scrapePool: "node", health: "unknown", scrapeUrl: "http://c:9100/metrics", labels: { instance: "c:9100", job: "node" } },
    { discoveredLabels: { __address__: "d:1", job: "dropped-job" } },
];

test("groupByPool sorts pools and falls back to the discovered job", () => {
    const pools = groupByPool(targets);
    assert.deepEqual([...pools.keys()], ["api", "dropped-job", "node"]);
    assert.equal(pools.get("node").length, 2);
});

test("targetMatches", () => {
    const cases = [
        // [target index, text, health, want]
        [0, "", "", true],
        [0, "", "up", true],
        [0, "", "down", false],
        [0, "A:9100", "", true],
        [0, 'job="node"', "", true],
        [0, "instance", "", true],
        [1, "refused", "", true],
        [1, "refused", "up", false],
        [2, "nothing", "", false],
        [3, "dropped-job", "", true],
        [3, "__address__", "", true],
    ];
    for (const [i, text, health, want] of cases) {
        assert.equal(targetMatches(targets[i], text, health), want, `${i} ${text} ${health}`);
    }
});

test("healthCounts", () => {
    assert.deepEqual(healthCounts(targets), { up: 1, total: 4 });
    assert.deepEqual(healthCounts([]), { up: 0, total: 0 });
});

test("yamlLineParts", () => {
    const cases = [
        ["global:", [["global", "key"], [":", "text"]]],
        ["  scrape_interval: 15s", [["  ", "text"], ["scrape_interval", "key"], [": 15s", "text"]]],
        ["- job_name: node", [["- ", "text"], ["job_name", "key"], [": node", "text"]]],
        ["  # a comment", [["  # a comment", "comment"]]],
        ["    - 127.0.0.1:9090", [["    - 127.0.0.1:9090", "text"]]],
        ['  "quoted key": x', [["  ", "text"], ['"quoted key"', "key"], [": x", "text"]]],
        ["  url: http://x:80/y", [["  ", "text"], ["url", "key"], [": http://x:80/y", "text"]]],
        ["", [["", "text"]]],
    ];
    for (const [line, want] of cases) {
        assert.deepEqual(yamlLineParts(line).map((p) => [p.text, p.kind]), want, line);
    }
});

test("rule and alert filters", async () => {
    const { alertRuleMatches, ruleMatches, stateCounts } =
        await import("../../main/resources/io/ignis/ui/assets/js/status/rules-model.js");
    const g = { name: "node-rules" };
    const rec = { name: "job:up:sum", query: "sum by (job) (up)", health: "ok", type: "recording" };
    const bad = { name: "Broken", query: "x / on() y", health: "err", type: "recording" };
    assert.equal(ruleMatches(g, rec, "", false), true);
    assert.equal(ruleMatches(g, rec, "SUM BY", false), true);
    assert.equal(ruleMatches(g, rec, "node-rules", false), true);
    assert.equal(ruleMatches(g, rec, "", true), false);
    assert.equal(ruleMatches(g, bad, "", true), true);
    assert.equal(ruleMatches(g, bad, "zzz", true), false);

    const firing = { name: "TargetDown", state: "firing", labels: { severity: "page" },
        alerts: [{ labels: { alertname: "TargetDown", instance: "h:9100" } }] };
    const inactive = { name: "DiskFull", state: "inactive", labels: {}, alerts: [] };
    const all = new Set(["firing", "pending", "inactive"]);
    assert.equal(alertRuleMatches(firing, "", all), true);
    assert.equal(alertRuleMatches(firing, "h:9100", all), true);
    assert.equal(alertRuleMatches(firing, 'severity="page"', all), true);
    assert.equal(alertRuleMatches(firing, "disk", all), false);
    assert.equal(alertRuleMatches(inactive, "", new Set(["firing"])), false);
    assert.deepEqual(stateCounts([firing, inactive, { state: "pending" }, { state: "weird" }]),
        { firing: 1, pending: 1, inactive: 1 });
});
