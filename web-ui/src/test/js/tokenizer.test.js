import { test } from "node:test";
import assert from "node:assert/strict";
import { scan, tokenize, unquote } from "../../main/resources/io/ignis/ui/assets/js/promql/tokenizer.js";

/** Compact form: significant tokens as "type:text". */
function kinds(text) {
    return tokenize(text).filter((t) => t.type !== "ws").map((t) => t.type + ":" + t.text);
}

test("classifies tokens", () => {
    const cases = [
        ["up", ["metric:up"]],
        ['rate(http_requests_total{job="api",code!~"5.."}[5m])', [
            "function:rate", "punct:(", "metric:http_requests_total", "punct:{", "label:job", "operator:=",
            'string:"api"', "punct:,", "label:code", "operator:!~", 'string:"5.."', "punct:}", "punct:[",
            "duration:5m", "punct:]", "punct:)"]],
        ["sum by (job, instance) (x) > bool 0.5", [
            "aggregation:sum", "keyword:by", "punct:(", "label:job", "punct:,", "label:instance", "punct:)",
            "punct:(", "metric:x", "punct:)", "operator:>", "keyword:bool", "number:0.5"]],
        ["a / on(instance) group_left(node) b", [
            "metric:a", "operator:/", "keyword:on", "punct:(", "label:instance", "punct:)", "keyword:group_left",
            "punct:(", "label:node", "punct:)", "metric:b"]],
        ["x offset 1h30m @ 1609746000", ["metric:x", "keyword:offset", "duration:1h30m", "punct:@", "number:1609746000"]],
        ["x @ start()", ["metric:x", "punct:@", "function:start", "punct:(", "punct:)"]],
        ["rate(x[5m:30s])", ["function:rate", "punct:(", "metric:x", "punct:[", "duration:5m", "punct:[".slice(0, 0) + "punct::",
            "duration:30s", "punct:]", "punct:)"]],
        ["1e3 + 0x1F - Inf * NaN + 1_000 + .5", ["number:1e3", "operator:+", "number:0x1F", "operator:-", "number:Inf",
            "operator:*", "number:NaN", "operator:+", "number:1_000", "operator:+", "number:.5"]],
        ["a == b != c >= d <= e", ["metric:a", "operator:==", "metric:b", "operator:!=", "metric:c", "operator:>=",
            "metric:d", "operator:<=", "metric:e"]],
        ["a and b or c unless d", ["metric:a", "keyword:and", "metric:b", "keyword:or", "metric:c", "keyword:unless", "metric:d"]],
        ["# note\nup", ["comment:# note", "metric:up"]],
        ['{"my.metric", "a.b"="c"}', ["punct:{", 'string:"my.metric"', "punct:,", 'string:"a.b"', "operator:=",
            'string:"c"', "punct:}"]],
        ["job:up:sum", ["metric:job:up:sum"]],
        ["sum", ["metric:sum"]],
        ["time()", ["function:time", "punct:(", "punct:)"]],
        ["x ) $", ["metric:x", "error:)", "error:$"]],
        ['x{a="unterminated', ["metric:x", "punct:{", "label:a", "operator:=", 'string:"unterminated']],
    ];
    for (const [input, want] of cases) {
        assert.deepEqual(kinds(input), want, input);
    }
});

test("tokens cover the input without gaps", () => {
    for (const input of ['sum by (a) (rate(x{y=~"z\\"q"}[5m] offset 1d)) # c\n/ 2', "", "  ", "`raw\\`", "@@@"]) {
        const tokens = tokenize(input);
        assert.equal(tokens.map((t) => t.text).join(""), input);
        for (let i = 1; i < tokens.length; i++) {
            assert.equal(tokens[i].start, tokens[i - 1].end);
        }
    }
});

test("strings: escapes, quotes and unterminated flag", () => {
    const [t] = tokenize('"a\\"b"');
    assert.equal(t.type, "string");
    assert.equal(t.text, '"a\\"b"');
    assert.equal(t.unterminated, undefined);
    assert.equal(unquote(t.text), 'a"b');
    assert.equal(unquote("'it\\'s'"), "it's");
    assert.equal(unquote("`a\\b`"), "a\\b");
    assert.equal(unquote('"open'), "open");
    assert.equal(tokenize('"open')[0].unterminated, true);
});

test("the bracket stack records the selector's metric and matchers", () => {
    const { stack } = scan('rate(http_requests_total{job="api", code=~"5..", ');
    assert.equal(stack.length, 2);
    assert.equal(stack[0].ch, "(");
    assert.equal(stack[0].fn, "rate");
    assert.equal(stack[1].ch, "{");
    assert.equal(stack[1].metric, "http_requests_total");
    assert.deepEqual(stack[1].matchers, [{ name: "job", op: "=", value: "api" }, { name: "code", op: "=~", value: "5.." }]);
    assert.equal(scan('{"utf8.metric", a="b", c').stack[0].metric, "utf8.metric");
    assert.equal(scan("sum without (").stack[0].grouping, true);
    assert.equal(scan("sum(").stack[0].grouping, false);
});

test("more shapes: subqueries, negative offsets, @ modifiers, trailing garbage", () => {
    const cases = [
        ["max_over_time(rate(x[1m])[1h:])", ["function:max_over_time", "punct:(", "function:rate", "punct:(", "metric:x",
            "punct:[", "duration:1m", "punct:]", "punct:)", "punct:[", "duration:1h", "punct::", "punct:]", "punct:)"]],
        ["x offset -5m", ["metric:x", "keyword:offset", "operator:-", "duration:5m"]],
        ["x @ end()", ["metric:x", "punct:@", "function:end", "punct:(", "punct:)"]],
        ["topk(3, x) without (a)", ["aggregation:topk", "punct:(", "number:3", "punct:,", "metric:x", "punct:)",
            "keyword:without", "punct:(", "label:a", "punct:)"]],
        ["sum without (a) (x)", ["aggregation:sum", "keyword:without", "punct:(", "label:a", "punct:)", "punct:(",
            "metric:x", "punct:)"]],
        ["rate", ["metric:rate"]],
        ["5m", ["duration:5m"]],
        ["1.5e-3", ["number:1.5e-3"]],
        ["x}", ["metric:x", "error:}"]],
    ];
    for (const [input, want] of cases) {
        assert.deepEqual(kinds(input), want, input);
    }
});

test("__name__ matchers do not become the selector's metric", () => {
    const { stack } = scan('{__name__=~"node_.*", job="a", ');
    assert.equal(stack[0].metric, null);
    assert.deepEqual(stack[0].matchers.map((m) => m.name), ["__name__", "job"]);
});
