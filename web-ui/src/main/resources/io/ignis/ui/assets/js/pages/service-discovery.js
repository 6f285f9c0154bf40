// Service discovery: per scrape pool, each discovered target's labels before relabeling beside the target
// labels after it, and the targets relabeling dropped (from /api/v1/targets?state=any).

import { apiGet } from "../api.js";
import { debounce } from "../refresh.js";
import { collapsibleCard, emptyBox, errorBox, h, labelPills, loadingBox, pageHeader, setChildren } from "../dom.js";

// A pool draws this many targets until asked for all.
const ROWS_PER_POOL = 200;

function poolOf(t) {
    return t.scrapePool || (t.discoveredLabels && t.discoveredLabels.job) || "(unknown)";
}

function labelsBlock(labels) {
    return h("div", { class: "pills-col" }, labelPills(labels));
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by label", "aria-label": "Filter targets" });
    const showDropped = h("label", { class: "checkbox" }, h("input", { type: "checkbox", checked: true }), "Show dropped");
    const body = h("div", null, loadingBox("service discovery"));
    container.append(pageHeader("Service discovery", search, showDropped), body);
    let data;
    try {
        ({ data } = await apiGet("targets", { state: "any" }));
    } catch (err) {
        setChildren(body, errorBox("Error loading service discovery", err));
        return;
    }
    const pools = new Map();
    const add = (t, dropped) => {
        const name = poolOf(t);
        if (!pools.has(name)) {
            pools.set(name, []);
        }
        pools.get(name).push({ t, dropped });
    };
    for (const t of data.activeTargets || []) {
        add(t, false);
    }
    for (const t of data.droppedTargets || []) {
        add(t, true);
    }
    const counts = data.droppedTargetCounts || {};
    const expanded = new Set();
    const draw = () => {
        const q = search.value.trim().toLowerCase();
        const withDropped = showDropped.querySelector("input").checked;
        const cards = [];
        for (const name of [...pools.keys()].sort()) {
            const all = pools.get(name);
            const active = all.filter((e) => !e.dropped).length;
            const dropped = counts[name] !== undefined ? counts[name] : all.length - active;
            const rows = all.filter((e) => (withDropped || !e.dropped)
                && (q === "" || JSON.stringify([e.t.discoveredLabels, e.t.labels]).toLowerCase().includes(q)));
            if (rows.length === 0) {
                continue;
            }
            const shown = expanded.has(name) ? rows : rows.slice(0, ROWS_PER_POOL);
            cards.push(collapsibleCard([
                h("span", { class: "card-title" }, name),
                h("span", { class: "badge count ok" }, `${active} active`),
                h("span", { class: "badge count" }, `${dropped} dropped`),
            ], h("div", { class: "card-body flush" }, h("table", { class: "data" },
                h("thead", null, h("tr", null, h("th", null, "Discovered labels"), h("th", null, "Target labels"))),
                h("tbody", null, shown.map((e) => h("tr", null,
                    h("td", null, labelsBlock(e.t.discoveredLabels)),
                    h("td", null, e.dropped ? h("span", { class: "badge down" }, "dropped") : labelsBlock(e.t.labels)))))),
            shown.length < rows.length ? h("div", { class: "card-body" }, h("button", {
                type: "button",
                onclick: () => {
                    expanded.add(name);
                    draw();
                },
            }, `Show all ${rows.length} targets`)) : null)));
        }
        setChildren(body, cards.length ? cards : emptyBox(pools.size === 0 ? "No targets discovered." : "Nothing matches."));
    };
    search.addEventListener("input", debounce(draw, 120));
    showDropped.addEventListener("change", draw);
    draw();
}
