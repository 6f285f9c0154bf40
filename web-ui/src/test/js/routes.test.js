import { test } from "node:test";
import assert from "node:assert/strict";
import { PAGES, basePath, resolveRoute } from "../../main/resources/io/ignis/ui/assets/js/routes.js";

test("basePath keeps the directory of the base URL", () => {
    assert.equal(basePath("http://h:9090/"), "/");
    assert.equal(basePath("http://h:9090/prom/"), "/prom/");
    assert.equal(basePath("http://h:9090/prom/query"), "/prom/");
});

test("resolveRoute", () => {
    const cases = [
        // [pathname, base, want page path or null, want redirect or null]
        ["/query", "/", "query", null],
        ["/", "/", "query", "query"],
        ["/graph", "/", "query", "query"],
        ["/targets", "/", "targets", null],
        ["/targets/", "/", "targets", null],
        ["/tsdb-status", "/", "tsdb-status", null],
        ["/alertmanager-discovery", "/", "alertmanager-discovery", null],
        ["/prom/rules", "/prom/", "rules", null],
        ["/prom", "/prom/", "query", "query"],
        ["/prom/graph", "/prom/", "query", "query"],
        ["/rules", "/prom/", null, null],
        ["/nope", "/", null, null],
    ];
    for (const [pathname, base, page, redirect] of cases) {
        const r = resolveRoute(pathname, base);
        assert.equal(r.page ? r.page.path : null, page, pathname + " under " + base);
        assert.equal(r.redirect, redirect, pathname + " under " + base);
    }
});

test("every page has a distinct path and a module", () => {
    assert.equal(new Set(PAGES.map((p) => p.path)).size, PAGES.length);
    for (const p of PAGES) {
        assert.match(p.module, /^[a-z-]+\.js$/);
    }
});
