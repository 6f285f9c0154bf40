// The query page's state in the URL, in Prometheus 3's own parameters (g0.expr, g0.tab, g0.range_input, ...),
// so links from and to Prometheus reproduce the same view. Older links (g0.tab=0, g0.stacked=1,
// g0.step_input=15) still decode. Pure functions, unit-tested under src/test/js.

import { formatDuration, formatUtc, parseDuration, parseTime } from "../time.js";

export const DISPLAY_MODES = Object.freeze(["lines", "stacked", "heatmap"]);

/** A fresh panel: table tab, evaluated now, one hour range, automatic medium resolution, lines. */
export function newPanel(expr = "") {
    return {
        expr,
        showTree: false,
        tab: "table",
        endTime: null,
        range: 3600 * 1000,
        resolution: { type: "auto", density: "medium" },
        displayMode: "lines",
        yAxisMin: null,
        showExemplars: false,
    };
}

/** Reads panels g0, g1, ... from a query string; stops at the first index without an expr. */
export function decodePanels(search) {
    const params = new URLSearchParams(search);
    const panels = [];
    for (let i = 0; params.has(`g${i}.expr`); i++) {
        const get = (name) => params.get(`g${i}.${name}`);
        const has = (name) => params.has(`g${i}.${name}`);
        const p = newPanel(get("expr"));
        if (has("show_tree")) {
            p.showTree = get("show_tree") === "1";
        }
        switch (get("tab")) {
            case "0":
            case "graph":
                p.tab = "graph";
                break;
            case "1":
            case "table":
                p.tab = "table";
                break;
            case "explain":
                p.tab = "explain";
                break;
            default:
                break;
        }
        if (has("display_mode") && DISPLAY_MODES.includes(get("display_mode"))) {
            p.displayMode = get("display_mode");
        }
        if (has("stacked")) {
            p.displayMode = get("stacked") === "1" ? "stacked" : "lines";
        }
        if (has("y_axis_min")) {
            const v = parseFloat(get("y_axis_min"));
            p.yAxisMin = Number.isFinite(v) ? v : null;
        }
        if (has("show_exemplars")) {
            p.showExemplars = get("show_exemplars") === "1";
        }
        if (has("range_input")) {
            const r = parseDuration(get("range_input"));
            if (r !== null && r > 0) {
                p.range = r;
            }
        }
        // moment_input (table) and end_input (graph) are one time in Prometheus 3; either may come alone.
        for (const name of ["end_input", "moment_input"]) {
            if (has(name)) {
                const t = parseTime(get(name));
                if (t !== null) {
                    p.endTime = t;
                }
            }
        }
        if (has("step_input")) {
            const step = parseFloat(get("step_input"));
            if (step > 0) {
                p.resolution = { type: "custom", step: step * 1000 };
            }
        }
        decodeResolution(p, get("res_type"), get("res_density"), get("res_step"));
        panels.push(p);
    }
    return panels;
}

function decodeResolution(panel, type, density, step) {
    if (type === "auto" && ["low", "medium", "high"].includes(density)) {
        panel.resolution = { type: "auto", density };
    } else if ((type === "fixed" || type === "custom") && step !== null) {
        const s = parseFloat(step);
        if (s > 0) {
            panel.resolution = { type, step: s * 1000 };
        }
    }
}

/** Writes panels as a query string without the leading "?", in the order Prometheus 3 writes them. */
export function encodePanels(panels) {
    const params = new URLSearchParams();
    panels.forEach((p, i) => {
        const add = (name, value) => params.append(`g${i}.${name}`, value);
        add("expr", p.expr);
        add("show_tree", p.showTree ? "1" : "0");
        add("tab", p.tab);
        if (p.endTime !== null) {
            add("end_input", formatUtc(p.endTime));
            add("moment_input", formatUtc(p.endTime));
        }
        add("range_input", formatDuration(p.range));
        if (p.resolution.type === "auto") {
            add("res_type", "auto");
            add("res_density", p.resolution.density);
        } else {
            add("res_type", p.resolution.type);
            add("res_step", String(p.resolution.step / 1000));
        }
        add("display_mode", p.displayMode);
        if (p.yAxisMin !== null) {
            add("y_axis_min", String(p.yAxisMin));
        }
        add("show_exemplars", p.showExemplars ? "1" : "0");
    });
    return params.toString();
}
