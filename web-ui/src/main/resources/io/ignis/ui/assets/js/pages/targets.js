// Target health: /api/v1/targets grouped by scrape pool, with health, endpoint, labels, last scrape and error;
// filterable by text and health, pools collapsible, optionally refreshed on a timer.

import { apiGet } from "../api.js";
import { collapsibleCard, emptyBox, errorBox, externalLink, h, labelPills, loadingBox, pageHeader, setChildren }
    from "../dom.js";
import { debounce, refreshSelect } from "../refresh.js";
import { groupByPool, healthCounts, targetMatches } from "../status/targets-model.js";
import { humanizeDuration, relativeTime } from "../time.js";

const HEALTHS = ["up", "down", "unknown"];
// A pool draws this many targets until asked for all: tens of thousands of rows would stall the page.
const ROWS_PER_POOL = 200;

function healthBadge(health) {
    return h("span", { class: `badge ${HEALTHS.includes(health) ? health : "unknown"}` }, health || "unknown");
}

function targetRows(t, now) {
    const rows = [h("tr", null,
        h("td", { class: "target-endpoint" }, externalLink(t.scrapeUrl)),
        h("td", null, labelPills(t.labels)),
        h("td", { title: t.lastScrape }, relativeTime(t.lastScrape, now),
            h("div", { class: "muted" }, humanizeDuration(Math.round((t.lastScrapeDuration || 0) * 1e6) / 1e3)
                + (t.scrapeInterval ? ` / every ${t.scrapeInterval}` : ""))),
        h("td", null, healthBadge(t.health)))];
    if (t.lastError) {
        rows.push(h("tr", { class: "error-row" }, h("td", { class: "error-text", colspan: "4" }, `Error: ${t.lastError}`)));
    }
    return rows;
}

function poolCard(pool, all, targets, now, collapsed, expanded, onExpand) {
    const { up } = healthCounts(all);
    const cls = up === all.length ? "ok" : up === 0 ? "bad" : "warn";
    const shown = expanded ? targets : targets.slice(0, ROWS_PER_POOL);
    return collapsibleCard([
        h("span", { class: "card-title" }, pool),
        h("span", { class: `badge count ${cls}` }, `${up} / ${all.length} up`),
    ], h("div", { class: "card-body flush" }, h("table", { class: "data" },
        h("thead", null, h("tr", null, ["Endpoint", "Labels", "Last scrape", "State"].map((t) => h("th", null, t)))),
        h("tbody", null, shown.map((t) => targetRows(t, now)))),
    shown.length < targets.length ? h("div", { class: "card-body" }, h("button", { type: "button", onclick: onExpand },
        `Show all ${targets.length} targets`)) : null), collapsed);
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by endpoint or labels", "aria-label": "Filter targets" });
    const health = h("select", { "aria-label": "Health filter" },
        h("option", { value: "" }, "All health states"), HEALTHS.map((s) => h("option", { value: s }, s)));
    const collapseAll = h("button", { type: "button" }, "Collapse all");
    const body = h("div", null, loadingBox("targets"));
    let active = null;
    let loadedAt = 0;
    const collapsed = new Set();
    const expanded = new Set();

    const draw = () => {
        if (active === null) {
            return;
        }
        const pools = groupByPool(active);
        const cards = [];
        for (const [name, all] of pools) {
            const targets = all.filter((t) => targetMatches(t, search.value, health.value));
            if (targets.length === 0) {
                continue;
            }
            const card = poolCard(name, all, targets, loadedAt, collapsed.has(name), expanded.has(name), () => {
                expanded.add(name);
                draw();
            });
            card.firstChild.addEventListener("click", () => {
                if (card.classList.contains("collapsed")) {
                    collapsed.add(name);
                } else {
                    collapsed.delete(name);
                }
            });
            cards.push(card);
        }
        const { up } = healthCounts(active);
        setChildren(body, h("p", { class: "toolbar-note" }, `${pools.size} scrape pools, ${active.length} targets, ${up} up`),
            cards.length ? cards : emptyBox(active.length === 0 ? "No targets are configured." : "No targets match the filter."));
    };
    const load = async () => {
        try {
            const { data } = await apiGet("targets", { state: "active" });
            active = data.activeTargets || [];
            loadedAt = Date.now();
            draw();
        } catch (err) {
            setChildren(body, errorBox("Error loading targets", err));
        }
    };

    container.append(pageHeader("Target health", search, health, collapseAll, refreshSelect("targets", load)), body);
    search.addEventListener("input", debounce(draw, 120));
    health.addEventListener("change", draw);
    collapseAll.addEventListener("click", () => {
        const names = [...new Set((active || []).map((t) => t.scrapePool))];
        const collapse = collapsed.size < names.length;
        for (const n of names) {
            if (collapse) {
                collapsed.add(n);
            } else {
                collapsed.delete(n);
            }
        }
        collapseAll.textContent = collapse ? "Expand all" : "Collapse all";
        draw();
    });
    await load();
}
