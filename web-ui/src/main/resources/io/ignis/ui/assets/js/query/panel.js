// One query panel: editor, Execute/Format/Remove, and the Table and Graph tabs with their time controls.
// The panel owns its state object (url-state.js shape) and reports every change to the page, which keeps
// the URL in sync.

import { apiGet, apiPost } from "../api.js";
import { errorBox, h, noticeBox, setChildren } from "../dom.js";
import { formatDuration, formatUtc, humanizeDuration, parseDuration, parseTime } from "../time.js";
import { createEditor } from "./editor.js";
import { createGraph } from "./graph-view.js";
import { loadHistory, recordQuery } from "./history.js";
import { effectiveStep, rangeQueryParams, stepRange } from "./step.js";
import { renderTable } from "./table-view.js";

function storage() {
    try {
        return window.localStorage;
    } catch {
        const mem = new Map();
        return { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => mem.set(k, v) };
    }
}

function parseStep(text) {
    const d = parseDuration(text);
    if (d !== null && d > 0) {
        return d;
    }
    const s = parseFloat(text);
    return /^\d+(\.\d+)?$/.test(text.trim()) && s > 0 ? s * 1000 : null;
}

/**
 * Creates a panel for state. hooks: {onChange(pushToHistory), onRemove()}.
 * Returns {element, state, execute(), destroy()}.
 */
export function createPanel(state, hooks) {
    let inflight = null;
    const changed = (push = false) => hooks.onChange(push);

    const editor = createEditor({
        value: state.expr,
        onExecute: () => execute(true),
        onChange: (v) => {
            state.expr = v;
            changed(false);
        },
        history: () => loadHistory(storage()),
    });
    const executeBtn = h("button", { type: "button", class: "primary", title: "Execute (Shift+Enter)" }, "Execute");
    const formatBtn = h("button", { type: "button", title: "Format the expression" }, "Format");
    const historyMenu = h("details", { class: "history-menu" },
        h("summary", { class: "btn", title: "Recent queries" }, "History"),
        h("div", { class: "history-items" }));
    historyMenu.addEventListener("toggle", () => {
        if (!historyMenu.open) {
            return;
        }
        const list = loadHistory(storage()).slice(0, 30);
        setChildren(historyMenu.lastChild, list.length === 0 ? h("div", { class: "empty" }, "No queries yet.")
            : list.map((q) => h("button", { type: "button", class: "history-item", title: q, onclick: () => {
                historyMenu.open = false;
                editor.setValue(q);
                execute(true);
            } }, q)));
    });
    document.addEventListener("click", (e) => {
        if (historyMenu.open && !historyMenu.contains(e.target)) {
            historyMenu.open = false;
        }
    });
    const removeBtn = h("button", { type: "button", class: "subtle icon", title: "Remove this query", "aria-label": "Remove query" }, "✕");
    const messages = h("div", { class: "panel-messages" });
    const stats = h("span", { class: "panel-stats", "aria-live": "polite" });
    const tabTable = h("button", { type: "button", class: "tab" }, "Table");
    const tabGraph = h("button", { type: "button", class: "tab" }, "Graph");
    const body = h("div", { class: "panel-body" });
    const element = h("section", { class: "panel" },
        h("div", { class: "panel-editor" }, editor.element, h("div", { class: "panel-actions" }, executeBtn, formatBtn, historyMenu, removeBtn)),
        h("div", { style: { padding: "0 10px" } }, messages),
        h("div", { class: "panel-tabs", role: "tablist" }, tabTable, tabGraph, h("span", { class: "spacer" }), stats),
        body);

    // Time controls, shared by both tabs: state.endTime null means "now".
    const timeInput = (cls) => {
        const input = h("input", { type: "text", class: cls, placeholder: "now (UTC)", spellcheck: "false",
            title: "Evaluation time, UTC: YYYY-MM-DD HH:mm:ss, RFC 3339 or Unix seconds; empty for now" });
        input.value = state.endTime === null ? "" : formatUtc(state.endTime);
        input.addEventListener("change", () => {
            if (input.value.trim() === "") {
                input.classList.remove("invalid");
                setEnd(null);
                return;
            }
            const t = parseTime(input.value);
            input.classList.toggle("invalid", t === null);
            if (t !== null) {
                setEnd(t);
            }
        });
        return input;
    };
    const setEnd = (t) => {
        state.endTime = t;
        changed(true);
        drawBody();
        execute(false);
    };

    const tableControls = () => {
        const input = timeInput("time");
        return h("div", { class: "panel-controls" }, h("span", { class: "muted" }, "Evaluation time"),
            h("span", { class: "input-group" }, input,
                h("button", { type: "button", title: "Evaluate now", onclick: () => setEnd(null) }, "Now")));
    };

    const graphControls = () => {
        const range = h("input", { type: "text", "aria-label": "Range", title: "Range, e.g. 1h, 6h, 1d2h" });
        range.value = formatDuration(state.range);
        range.addEventListener("change", () => {
            const r = parseDuration(range.value);
            range.classList.toggle("invalid", r === null || r <= 0);
            if (r !== null && r > 0) {
                state.range = r;
                changed(true);
                execute(false);
                stepHint.textContent = `step ${humanizeDuration(effectiveStep(state.resolution, state.range))}`;
            }
        });
        const stepRangeBy = (dir) => {
            state.range = stepRange(state.range, dir);
            range.value = formatDuration(state.range);
            range.classList.remove("invalid");
            changed(true);
            execute(false);
            stepHint.textContent = `step ${humanizeDuration(effectiveStep(state.resolution, state.range))}`;
        };
        const end = timeInput("time");
        const shiftEnd = (dir) => {
            const base = state.endTime === null ? Date.now() : state.endTime;
            setEnd(Math.round((base + dir * state.range / 2) / 1000) * 1000);
        };
        const res = h("select", { "aria-label": "Resolution" },
            h("option", { value: "auto:low" }, "Auto: low res"),
            h("option", { value: "auto:medium" }, "Auto: medium res"),
            h("option", { value: "auto:high" }, "Auto: high res"),
            h("option", { value: "custom" }, "Custom step"));
        res.value = state.resolution.type === "auto" ? `auto:${state.resolution.density}` : "custom";
        const stepInput = h("input", { type: "text", placeholder: "e.g. 15s", "aria-label": "Step", hidden: state.resolution.type === "auto",
            style: { width: "80px" } });
        if (state.resolution.type !== "auto") {
            stepInput.value = formatDuration(state.resolution.step);
        }
        const stepHint = h("span", { class: "muted" }, `step ${humanizeDuration(effectiveStep(state.resolution, state.range))}`);
        const applyRes = () => {
            if (res.value.startsWith("auto:")) {
                state.resolution = { type: "auto", density: res.value.slice(5) };
                stepInput.hidden = true;
            } else {
                stepInput.hidden = false;
                const s = parseStep(stepInput.value);
                stepInput.classList.toggle("invalid", s === null && stepInput.value !== "");
                if (s === null) {
                    stepInput.focus();
                    return;
                }
                state.resolution = { type: "custom", step: s };
            }
            stepHint.textContent = `step ${humanizeDuration(effectiveStep(state.resolution, state.range))}`;
            changed(true);
            execute(false);
        };
        res.addEventListener("change", applyRes);
        stepInput.addEventListener("change", applyRes);
        const modes = h("span", { class: "segmented", role: "group", "aria-label": "Display mode" },
            ["lines", "stacked"].map((m) => h("button", {
                type: "button", class: state.displayMode === m ? "active" : null,
                onclick: () => {
                    state.displayMode = m;
                    changed(true);
                    drawBody();
                    execute(false);
                },
            }, m === "lines" ? "Lines" : "Stacked")));
        return h("div", { class: "panel-controls" },
            h("span", { class: "input-group" },
                h("button", { type: "button", class: "icon", title: "Shorter range", onclick: () => stepRangeBy(-1) }, "−"),
                range,
                h("button", { type: "button", class: "icon", title: "Longer range", onclick: () => stepRangeBy(1) }, "+")),
            h("span", { class: "input-group" },
                h("button", { type: "button", class: "icon", title: "Back by half the range", onclick: () => shiftEnd(-1) }, "‹"),
                end,
                h("button", { type: "button", class: "icon", title: "Forward by half the range", onclick: () => shiftEnd(1) }, "›"),
                h("button", { type: "button", title: "End now", onclick: () => setEnd(null) }, "Now")),
            res, stepInput, stepHint, modes);
    };

    const result = h("div", { class: "panel-result" });
    let graph = null;
    const drawBody = () => {
        tabTable.classList.toggle("active", state.tab !== "graph");
        tabGraph.classList.toggle("active", state.tab === "graph");
        tabTable.setAttribute("aria-selected", String(state.tab !== "graph"));
        tabGraph.setAttribute("aria-selected", String(state.tab === "graph"));
        if (state.tab === "graph") {
            if (!graph) {
                graph = createGraph((a, b) => {
                    state.endTime = Math.round(b * 1000);
                    state.range = Math.max(1000, Math.round((b - a)) * 1000);
                    changed(true);
                    drawBody();
                    execute(false);
                });
            }
            setChildren(body, graphControls(), graph.element, result);
        } else {
            setChildren(body, tableControls(), result);
        }
    };

    const showMessages = (err, warnings, infos) => {
        setChildren(messages, err ? errorBox("Error executing query", err) : null,
            noticeBox("warning", warnings), noticeBox("info", infos));
    };

    async function execute(fromUser) {
        if (inflight) {
            inflight.abort();
        }
        const expr = state.expr.trim();
        if (expr === "") {
            showMessages(null);
            setChildren(result, h("div", { class: "empty" }, "No query issued yet."));
            stats.textContent = "";
            return;
        }
        if (fromUser) {
            recordQuery(storage(), expr);
            changed(true);
        }
        const ctl = new AbortController();
        inflight = ctl;
        stats.textContent = "Loading…";
        const started = performance.now();
        const tab = state.tab === "graph" ? "graph" : "table";
        try {
            let res;
            let win = null;
            let stepMs = 0;
            if (tab === "graph") {
                const end = state.endTime === null ? Date.now() : state.endTime;
                stepMs = effectiveStep(state.resolution, state.range);
                win = rangeQueryParams(end, state.range, stepMs);
                res = await apiPost("query_range", { query: expr, ...win }, ctl.signal);
            } else {
                const time = (state.endTime === null ? Date.now() : state.endTime) / 1000;
                res = await apiPost("query", { query: expr, time }, ctl.signal);
            }
            if (ctl.signal.aborted || (state.tab === "graph" ? "graph" : "table") !== tab) {
                return;
            }
            const elapsed = Math.round(performance.now() - started);
            showMessages(null, res.warnings, res.infos);
            let count;
            if (tab === "graph") {
                if (res.data.resultType !== "matrix") {
                    throw new Error(`Graphs need a range query result (matrix), got ${res.data.resultType}.`);
                }
                setChildren(result);
                graph.show(res.data, win, { stacked: state.displayMode === "stacked", yAxisMin: state.yAxisMin });
                count = res.data.result.length;
            } else {
                const t = renderTable(res.data);
                setChildren(result, t.node);
                count = t.count;
            }
            const parts = [`Load time: ${elapsed}ms`];
            if (tab === "graph") {
                parts.push(`Resolution: ${humanizeDuration(stepMs)}`);
            }
            parts.push(`Result series: ${count}`);
            const st = res.data.stats;
            if (st && st.samples && st.samples.totalQueryableSamples !== undefined) {
                parts.push(`Samples: ${st.samples.totalQueryableSamples}`);
            }
            stats.textContent = parts.join("  ·  ");
        } catch (err) {
            if (err && err.name === "AbortError") {
                return;
            }
            stats.textContent = "";
            showMessages(err);
            if (tab === "graph" && graph) {
                graph.clear();
            }
            setChildren(result);
        } finally {
            if (inflight === ctl) {
                inflight = null;
            }
        }
    }

    executeBtn.addEventListener("click", () => execute(true));
    removeBtn.addEventListener("click", () => hooks.onRemove());
    formatBtn.addEventListener("click", async () => {
        const expr = state.expr.trim();
        if (expr === "") {
            return;
        }
        try {
            const { data } = await apiGet("format_query", { query: expr });
            editor.setValue(data);
            showMessages(null);
        } catch (err) {
            showMessages(err);
        }
    });
    tabTable.addEventListener("click", () => {
        if (state.tab !== "table") {
            state.tab = "table";
            changed(true);
            drawBody();
            execute(false);
        }
    });
    tabGraph.addEventListener("click", () => {
        if (state.tab !== "graph") {
            state.tab = "graph";
            changed(true);
            drawBody();
            execute(false);
        }
    });
    drawBody();

    return {
        element,
        state,
        execute: () => execute(false),
        focus: () => editor.focus(),
        destroy: () => {
            if (inflight) {
                inflight.abort();
            }
            if (graph) {
                graph.destroy();
            }
        },
    };
}
