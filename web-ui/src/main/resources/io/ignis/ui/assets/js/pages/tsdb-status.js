// TSDB status: head block statistics and the top-cardinality tables of /api/v1/status/tsdb.

import { apiGet } from "../api.js";
import { dataTable, emptyBox, errorBox, h, kvTable, loadingBox, pageHeader, setChildren } from "../dom.js";
import { timeZoneLabel, useLocalTime } from "../settings.js";
import { formatTime } from "../time.js";

const TABLES = [
    ["seriesCountByMetricName", "Top metric names by series count", "Metric name", "#Series"],
    ["labelValueCountByLabelName", "Top label names by number of values", "Label name", "#Values"],
    ["memoryInBytesByLabelName", "Top label names by memory used", "Label name", "#Bytes"],
    ["seriesCountByLabelValuePair", "Top label pairs by series count", "Label pair", "#Series"],
];

function time(ms) {
    return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? `${formatTime(ms, useLocalTime())} ${timeZoneLabel()}` : "—";
}

function card(title, content) {
    return h("section", { class: "card" }, h("div", { class: "card-header" }, h("h2", { class: "card-title" }, title)),
        h("div", { class: "card-body flush" }, content));
}

export async function render(container) {
    const limit = h("select", { "aria-label": "Rows per table" }, [10, 20, 50, 100].map((n) => h("option", { value: n }, `Top ${n}`)));
    const body = h("div");
    container.append(pageHeader("TSDB status", limit), body);
    const load = async () => {
        setChildren(body, loadingBox("TSDB status"));
        let data;
        try {
            ({ data } = await apiGet("status/tsdb", { limit: limit.value }));
        } catch (err) {
            setChildren(body, errorBox("Error loading TSDB status", err));
            return;
        }
        const head = data.headStats || {};
        const fmt = new Intl.NumberFormat("en-US");
        const cards = [card("Head block", kvTable([
            ["Series", fmt.format(head.numSeries ?? 0)],
            ["Chunks", fmt.format(head.chunkCount ?? 0)],
            ["Label pairs", fmt.format(head.numLabelPairs ?? 0)],
            ["Min time", time(head.minTime)],
            ["Max time", time(head.maxTime)],
        ]))];
        for (const [key, title, col, num] of TABLES) {
            const rows = data[key] || [];
            cards.push(card(title, rows.length ? dataTable([col, num], rows.map((r) => [h("span", { class: "mono" }, r.name),
                fmt.format(r.value)])) : emptyBox("No data.")));
        }
        setChildren(body, h("div", { class: "grid-2 name-tables" }, cards));
    };
    limit.addEventListener("change", load);
    await load();
}
