// Service discovery: per scrape pool, each discovered target's labels before relabeling beside the target
// labels after it, and the targets relabeling dropped (from /api/v1/targets?state=any).

import { apiGet } from "../api.js";
import { collapsibleCard, emptyBox, errorBox, h, labelPills, loadingBox, pageHeader, setChildren } from "../dom.js";
import { debounce } from "../refresh.js";
import { groupByPool, targetMatches } from "../status/targets-model.js";

// A pool draws this many targets until asked for all.
const ROWS_PER_POOL = 200;

function row(e) {
    return h("tr", null,
        h("td", null, labelPills(e.discoveredLabels)),
        h("td", null, e.dropped ? h("span", { class: "badge down" }, "dropped") : labelPills(e.labels)));
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by label", "aria-label": "Filter targets" });
    const dropped = h("input", { type: "checkbox", checked: true });
    const body = h("div", null, loadingBox("service discovery"));
    container.append(pageHeader("Service discovery", search, h("label", { class: "checkbox" }, dropped, "Show dropped")), body);
    let data;
    try {
        ({ data } = await apiGet("targets", { state: "any" }));
    } catch (err) {
        setChildren(body, errorBox("Error loading service discovery", err));
        return;
    }
    const pools = groupByPool([
        ...(data.activeTargets || []).map((t) => ({ ...t, dropped: false })),
        ...(data.droppedTargets || []).map((t) => ({ ...t, dropped: true })),
    ]);
    // Prometheus 3 reports how many targets each pool dropped, even when it lists only some of them.
    const counts = data.droppedTargetCounts || {};
    const expanded = new Set();
    const draw = () => {
        const cards = [];
        for (const [name, all] of pools) {
            const active = all.filter((e) => !e.dropped).length;
            const droppedCount = counts[name] !== undefined ? counts[name] : all.length - active;
            const rows = all.filter((e) => (dropped.checked || !e.dropped) && targetMatches(e, search.value, ""));
            if (rows.length === 0) {
                continue;
            }
            const shown = expanded.has(name) ? rows : rows.slice(0, ROWS_PER_POOL);
            cards.push(collapsibleCard([
                h("span", { class: "card-title" }, name),
                h("span", { class: "badge count ok" }, `${active} active`),
                h("span", { class: "badge count" }, `${droppedCount} dropped`),
            ], h("div", { class: "card-body flush" }, h("table", { class: "data" },
                h("thead", null, h("tr", null, h("th", null, "Discovered labels"), h("th", null, "Target labels"))),
                h("tbody", null, shown.map(row))),
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
    dropped.addEventListener("change", draw);
    draw();
}
