import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, apiGet, apiPost } from "../../main/resources/io/ignis/ui/assets/js/api.js";

/** Replaces fetch with one answering (status, body, statusText) and recording its calls. */
function fakeFetch(status, body, statusText = "") {
    const calls = [];
    globalThis.fetch = async (url, init) => {
        calls.push({ url, init });
        return new Response(body, { status, statusText });
    };
    return calls;
}

test("success unwraps data, warnings and infos; GET repeats array parameters", async () => {
    const calls = fakeFetch(200, JSON.stringify({ status: "success", data: [1], warnings: ["w"], infos: ["i"] }));
    const r = await apiGet("labels", { "match[]": ["up", 'x{a="b"}'], start: 1.5, skip: undefined });
    assert.deepEqual(r, { data: [1], warnings: ["w"], infos: ["i"] });
    assert.equal(calls[0].url, "api/v1/labels?match%5B%5D=up&match%5B%5D=x%7Ba%3D%22b%22%7D&start=1.5");
    fakeFetch(200, JSON.stringify({ status: "success", data: {} }));
    assert.deepEqual(await apiGet("status/flags"), { data: {}, warnings: [], infos: [] });
});

test("POST sends a form body", async () => {
    const calls = fakeFetch(200, JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }));
    await apiPost("query", { query: "sum(x) + 1", time: 1700000000 });
    assert.equal(calls[0].url, "api/v1/query");
    assert.equal(calls[0].init.method, "POST");
    assert.equal(String(calls[0].init.body), "query=sum%28x%29+%2B+1&time=1700000000");
});

test("failures become ApiErrors with a readable message", async () => {
    const cases = [
        // [status, body, statusText, errorType, message pattern]
        [400, JSON.stringify({ status: "error", errorType: "bad_data", error: "1:5: parse error: x" }), "Bad Request",
            "bad_data", /^1:5: parse error: x$/],
        [422, JSON.stringify({ status: "error", errorType: "execution", error: "too many samples" }), "", "execution",
            /too many samples/],
        [502, "<html>Bad gateway</html>", "Bad Gateway", "http", /HTTP 502 Bad Gateway from \/api\/v1\/targets: <html>/],
        [404, "404 page not found", "Not Found", "http", /HTTP 404 Not Found from \/api\/v1\/targets: 404 page not found/],
        [200, "not json", "OK", "http", /HTTP 200/],
        [200, JSON.stringify({ status: "weird" }), "OK", "http", /HTTP 200/],
    ];
    for (const [status, body, statusText, errorType, message] of cases) {
        fakeFetch(status, body, statusText);
        await assert.rejects(apiGet("targets"), (err) => {
            assert.ok(err instanceof ApiError, body);
            assert.equal(err.errorType, errorType, body);
            assert.match(err.message, message);
            return true;
        });
    }
});

test("network failures say the server is unreachable; aborts pass through", async () => {
    globalThis.fetch = async () => {
        throw new TypeError("Failed to fetch");
    };
    await assert.rejects(apiGet("targets"), /Cannot reach the server \(Failed to fetch\)/);
    globalThis.fetch = async () => {
        throw new DOMException("The operation was aborted.", "AbortError");
    };
    await assert.rejects(apiGet("targets"), (err) => err.name === "AbortError");
});
