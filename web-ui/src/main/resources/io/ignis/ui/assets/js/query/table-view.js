// The Table tab's result: vectors, matrices, scalars and strings as rows of series and values; native histograms
// summarised as count and sum. At most MAX_ROWS rows are drawn so a huge result cannot freeze the page.

import { emptyBox, h } from "../dom.js";
import { timeZoneLabel, useLocalTime } from "../settings.js";
import { formatTimeMillis } from "../time.js";
import { bucketRange, histogramSummary } from "./histogram.js";
import { seriesNameNode } from "./series-view.js";

const MAX_ROWS = 10000;

function histogramText(hist) {
    return histogramSummary(hist);
}

/** A histogram sample: its summary line, with its buckets behind a disclosure. */
function histogramNode(hist) {
    const buckets = hist.buckets || [];
    if (buckets.length === 0) {
        return histogramSummary(hist);
    }
    return h("details", { class: "histogram" }, h("summary", null, histogramSummary(hist)),
        h("table", { class: "data buckets" }, h("tbody", null, buckets.map((b) => h("tr", null,
            h("td", { class: "num" }, bucketRange(b)), h("td", { class: "num" }, b[3]))))));
}

function sampleNode(s) {
    if (s.histogram) {
        return histogramNode(s.histogram[1]);
    }
    return s.value ? s.value[1] : "";
}

function matrixValues(s) {
    const lines = [];
    for (const [t, v] of s.values || []) {
        lines.push(`${v} @${t}`);
    }
    for (const [t, hist] of s.histograms || []) {
        lines.push(`${histogramText(hist)} @${t}`);
    }
    return lines.join("\n");
}

/** Returns {node, count}: the rendered result and its number of series (or 1 for a scalar/string). */
export function renderTable(data) {
    const type = data.resultType;
    if (type === "scalar" || type === "string") {
        const [t, v] = data.result;
        return {
            count: 1,
            node: h("table", { class: "data result-table" }, h("tbody", null, h("tr", null,
                h("td", { class: "muted" }, type, h("div", { class: "muted" }, `${formatTimeMillis(t * 1000, useLocalTime())} ${timeZoneLabel()}`)),
                h("td", { class: "num result-value" }, v)))),
        };
    }
    const result = data.result || [];
    if (result.length === 0) {
        return { count: 0, node: emptyBox("Empty query result.") };
    }
    const shown = result.slice(0, MAX_ROWS);
    const rows = shown.map((s) => h("tr", null,
        h("td", null, seriesNameNode(s.metric)),
        h("td", { class: "num result-value" }, type === "matrix" ? matrixValues(s) : sampleNode(s))));
    return {
        count: result.length,
        node: h("div", null,
            result.length > MAX_ROWS ? h("div", { class: "alert alert-warning" },
                `Showing the first ${MAX_ROWS} of ${result.length} series.`) : null,
            h("table", { class: "data result-table" }, h("tbody", null, rows))),
    };
}
