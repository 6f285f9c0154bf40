import { test } from "node:test";
import assert from "node:assert/strict";
import { AGGREGATIONS, FUNCTIONS, KEYWORDS, describe } from "../../main/resources/io/ignis/ui/assets/js/promql/functions.js";

test("the vocabulary is complete, unique, sorted and documented", () => {
    const names = FUNCTIONS.map((f) => f.name);
    assert.deepEqual(names, [...names].sort());
    assert.equal(new Set(names).size, names.length);
    // As many functions as Prometheus 3.14's parser/functions.go, and its 14 aggregation operators.
    assert.equal(FUNCTIONS.length, 90);
    assert.equal(AGGREGATIONS.length, 14);
    for (const f of [...FUNCTIONS, ...AGGREGATIONS, ...KEYWORDS]) {
        assert.ok(f.signature.includes(f.name), f.name);
        assert.ok(f.doc.length > 5 && f.doc.endsWith("."), f.name);
    }
});

test("describe finds functions, aggregations and keywords", () => {
    assert.match(describe("rate").signature, /range-vector/);
    assert.equal(describe("histogram_quantile").experimental, false);
    assert.equal(describe("mad_over_time").experimental, true);
    assert.match(describe("topk").signature, /\(k, v\)/);
    assert.match(describe("group_left").doc, /Many-to-one/);
    assert.equal(describe("nope"), undefined);
});
