// One query panel: editor, Execute/Format/Remove, and the Table and Graph tabs with their time controls.
// The panel owns its state object (url-state.js shape) and reports every change to the page, which keeps
// the URL in sync.

import { apiGet, apiPost } from "../api.js";
import { errorBox, h, noticeBox, setChildren, svgIcon } from "../dom.js";
import { parseErrorOffset } from "../promql/error-position.js";
import { humanizeDuration } from "../time.js";
import { createEditor } from "./editor.js";
import { createGraph } from "./graph-view.js";
import { loadHistory, recordQuery } from "./history.js";
import { createHistoryMenu } from "./history-menu.js";
import { createMetricsExplorer } from "./metrics-explorer.js";
import { effectiveStep, rangeQueryParams } from "./step.js";
import { renderTable } from "./table-view.js";
import { graphControls, tableControls } from "./time-controls.js";

function storage() {
    try {
        return window.localStorage;
    } catch {
        const mem = new Map();
        return { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => mem.set(k, v) };
    }
}

/**
 * Creates a panel for state. hooks: {onChange(pushToHistory), onRemove(), onDuplicate()}.
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
    const historyMenu = createHistoryMenu(storage(), (q) => {
        editor.setValue(q);
        execute(true);
    });
    const explorerBtn = createMetricsExplorer((name) => {
        const ta = editor.textarea;
        const at = ta.selectionStart;
        editor.setValue(ta.value.slice(0, at) + name + ta.value.slice(ta.selectionEnd));
        ta.focus();
        ta.setSelectionRange(at + name.length, at + name.length);
    });
    const duplicateBtn = h("button", { type: "button", class: "subtle icon", title: "Duplicate this query",
        "aria-label": "Duplicate query", onclick: () => hooks.onDuplicate() }, svgIcon("M5.5 5.5h8v8h-8z M10.5 5.5v-3h-8v8h3"));
    const removeBtn = h("button", { type: "button", class: "subtle icon", title: "Remove this query", "aria-label": "Remove query" }, "✕");
    const messages = h("div", { class: "panel-messages" });
    const stats = h("span", { class: "panel-stats", "aria-live": "polite" });
    const tabTable = h("button", { type: "button", class: "tab" }, "Table");
    const tabGraph = h("button", { type: "button", class: "tab" }, "Graph");
    const body = h("div", { class: "panel-body" });
    const element = h("section", { class: "panel" },
        h("div", { class: "panel-editor" }, editor.element, h("div", { class: "panel-actions" }, executeBtn, formatBtn, explorerBtn, historyMenu.element, duplicateBtn, removeBtn)),
        h("div", { style: { padding: "0 10px" } }, messages),
        h("div", { class: "panel-tabs", role: "tablist" }, tabTable, tabGraph, h("span", { class: "spacer" }), stats),
        body);

    // After a control changed the state: record it in the URL, redraw the controls if asked, and re-run.
    const controls = {
        setEnd: (t) => {
            state.endTime = t;
            controls.apply(true);
        },
        apply: (redraw) => {
            changed(true);
            if (redraw) {
                drawBody();
            }
            execute(false);
        },
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
            setChildren(body, graphControls(state, controls), graph.element, result);
        } else {
            setChildren(body, tableControls(state, controls), result);
        }
    };

    const showMessages = (err, warnings, infos) => {
        editor.markError(err ? parseErrorOffset(err.message, state.expr) : null);
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
            let exemplars = null;
            if (tab === "graph") {
                const end = state.endTime === null ? Date.now() : state.endTime;
                stepMs = effectiveStep(state.resolution, state.range);
                win = rangeQueryParams(end, state.range, stepMs);
                const pending = state.showExemplars ? fetchExemplars(win, ctl.signal) : null;
                res = await apiPost("query_range", { query: state.expr, ...win }, ctl.signal);
                exemplars = pending ? await pending : null;
            } else {
                const time = (state.endTime === null ? Date.now() : state.endTime) / 1000;
                // Sent untrimmed, so parse error positions match the editor's text.
                res = await apiPost("query", { query: state.expr, time }, ctl.signal);
            }
            if (ctl.signal.aborted || (state.tab === "graph" ? "graph" : "table") !== tab) {
                return;
            }
            const elapsed = Math.round(performance.now() - started);
            showMessages(null, exemplars && exemplars.error ? [...res.warnings, exemplars.error] : res.warnings, res.infos);
            let count;
            if (tab === "graph") {
                if (res.data.resultType !== "matrix") {
                    throw new Error(`Graphs need a range query result (matrix), got ${res.data.resultType}.`);
                }
                setChildren(result);
                graph.show(res.data, win, { stacked: state.displayMode === "stacked", yAxisMin: state.yAxisMin,
                    exemplars: exemplars ? exemplars.data : null });
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
            if (exemplars && exemplars.data) {
                parts.push(`Exemplars: ${exemplars.data.reduce((n, g) => n + (g.exemplars || []).length, 0)}`);
            }
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

    // The exemplars of the same expression over the graph's range, as {data} or, when the call fails, {error}: a
    // failure there is a warning beside the graph, never a failed graph. Started beside the range query; null once
    // aborted (the range query's abort handling then returns).
    async function fetchExemplars(win, signal) {
        try {
            const { data } = await apiGet("query_exemplars", { query: state.expr, start: win.start, end: win.end }, signal);
            return { data: Array.isArray(data) ? data : [] };
        } catch (err) {
            if (err && err.name === "AbortError") {
                return null;
            }
            return { error: `Exemplars could not be loaded: ${err && err.message ? err.message : err}` };
        }
    }

    executeBtn.addEventListener("click", () => execute(true));
    removeBtn.addEventListener("click", () => hooks.onRemove());
    formatBtn.addEventListener("click", async () => {
        if (state.expr.trim() === "") {
            return;
        }
        try {
            const { data } = await apiGet("format_query", { query: state.expr });
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
            historyMenu.destroy();
            if (inflight) {
                inflight.abort();
            }
            if (graph) {
                graph.destroy();
            }
        },
    };
}
