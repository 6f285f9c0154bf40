// Runtime & build information: /api/v1/status/runtimeinfo and /api/v1/status/buildinfo, each failing on its own.

import { apiGet } from "../api.js";
import { h, kvTable, pageHeader, renderAsync } from "../dom.js";
import { relativeTime } from "../time.js";

const RUNTIME_NAMES = {
    startTime: "Start time", CWD: "Working directory", reloadConfigSuccess: "Configuration reload",
    lastConfigTime: "Last successful configuration reload", corruptionCount: "WAL corruptions",
    goroutineCount: "Goroutines", GOMAXPROCS: "GOMAXPROCS", GOMEMLIMIT: "GOMEMLIMIT", GOGC: "GOGC", GODEBUG: "GODEBUG",
    storageRetention: "Storage retention", hostname: "Hostname", serverTime: "Server time",
};

const BUILD_NAMES = {
    version: "Version", revision: "Revision", branch: "Branch", buildUser: "Build user", buildDate: "Build date",
    goVersion: "Runtime version",
};

function runtimeValue(key, v, now) {
    if (key === "reloadConfigSuccess") {
        return h("span", { class: `badge ${v ? "ok" : "bad"}` }, v ? "successful" : "unsuccessful");
    }
    if ((key === "startTime" || key === "lastConfigTime" || key === "serverTime") && typeof v === "string") {
        return [v, h("span", { class: "muted" }, `  (${relativeTime(v, now)})`)];
    }
    return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

function section(title, content) {
    return h("section", { class: "card" }, h("div", { class: "card-header" }, h("h2", { class: "card-title" }, title)), content);
}

export async function render(container) {
    container.append(pageHeader("Runtime & build information"));
    const grid = h("div", { class: "grid-2" });
    const runtime = h("div", { class: "card-body flush" });
    const build = h("div", { class: "card-body flush" });
    grid.append(section("Runtime information", runtime), section("Build information", build));
    container.append(grid);
    const now = Date.now();
    await Promise.all([
        renderAsync(runtime, "runtime information", async () => {
            const { data } = await apiGet("status/runtimeinfo");
            return kvTable(Object.entries(data).map(([k, v]) => [RUNTIME_NAMES[k] || k, runtimeValue(k, v, now)]));
        }),
        renderAsync(build, "build information", async () => {
            const { data } = await apiGet("status/buildinfo");
            return kvTable(Object.entries(data).map(([k, v]) => [BUILD_NAMES[k] || k, String(v)]));
        }),
    ]);
}
