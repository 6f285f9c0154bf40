import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PAGES } from "../../main/resources/io/ignis/ui/assets/js/routes.js";

const UI = join(dirname(fileURLToPath(import.meta.url)), "../../main/resources/io/ignis/ui");
const JS = join(UI, "assets/js");

function jsFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? jsFiles(p) : name.endsWith(".js") ? [p] : [];
    });
}

test("every page in the route table has its module", () => {
    for (const p of PAGES) {
        assert.ok(existsSync(join(JS, "pages", p.module)), p.module);
    }
});

test("every module parses", () => {
    for (const f of jsFiles(JS)) {
        // theme-init.js is a classic script; the rest are ES modules (package.json says "type": "module").
        const r = spawnSync(process.execPath, ["--check", f], { encoding: "utf8" });
        assert.equal(r.status, 0, `${f}\n${r.stderr}`);
    }
});

test("every relative import names an existing file", () => {
    for (const f of jsFiles(JS)) {
        const src = readFileSync(f, "utf8");
        for (const m of src.matchAll(/(?:import|from)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
            assert.ok(existsSync(join(dirname(f), m[1])) || m[1].includes("webjars/"), `${f} imports ${m[1]}`);
        }
    }
});

test("the shell has the base placeholder, the nav links every page, and loads only relative URLs", () => {
    const html = readFileSync(join(UI, "index.html"), "utf8");
    assert.match(html, /<base href="\{\{BASE\}\}">/);
    for (const p of PAGES) {
        assert.match(html, new RegExp(`href="${p.path}"`), p.path);
    }
    for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        assert.ok(!/^(\/|https?:)/.test(m[1]) || m[1] === "{{BASE}}", `absolute URL ${m[1]} would ignore the route prefix`);
    }
});

test("the uPlot WebJar paths match the version pinned in the parent POM", () => {
    const pom = readFileSync(join(UI, "../../../../../../../pom.xml"), "utf8");
    const pinned = /<uplot\.version>([^<]+)<\/uplot\.version>/.exec(pom)[1];
    const uses = [
        readFileSync(join(UI, "index.html"), "utf8"),
        readFileSync(join(JS, "query/graph-view.js"), "utf8"),
    ].flatMap((src) => [...src.matchAll(/webjars\/uplot\/([^/]+)\//g)].map((m) => m[1]));
    assert.ok(uses.length >= 2);
    for (const v of uses) {
        assert.equal(v, pinned, "update the webjars/uplot/<version>/ paths when the POM's uplot.version changes");
    }
});

test("shell-paths.txt lists every page and redirect, nothing else", async () => {
    const { REDIRECTS } = await import("../../main/resources/io/ignis/ui/assets/js/routes.js");
    const listed = readFileSync(join(UI, "shell-paths.txt"), "utf8").split("\n")
        .map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")).map((l) => (l === "/" ? "" : l));
    const want = [...PAGES.map((p) => p.path), ...Object.keys(REDIRECTS)];
    assert.deepEqual([...listed].sort(), [...want].sort());
});
