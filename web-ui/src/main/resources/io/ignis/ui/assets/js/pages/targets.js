// Target health: /api/v1/targets grouped by scrape pool, with health, endpoint, labels, last scrape and error;
// filterable by text and health, pools collapsible.

import { apiGet } from "../api.js";
import { collapsibleCard, emptyBox, errorBox, h, labelPills, loadingBox, pageHeader, setChildren } from "../dom.js";
import { humanizeDuration, relativeTime } from "../time.js";

const HEALTHS = ["up", "down", "unknown"];

function healthBadge(health) {
    return h("span", { class: `badge ${HEALTHS.includes(health) ? health : "unknown"}` }, health || "unknown");
}

function targetRow(t, now) {
    const rows = [h("tr", null,
        h("td", { class: "target-endpoint" }, h("a", { href: t.scrapeUrl, target: "_blank", rel: "noopener" }, t.scrapeUrl)),
        h("td", null, labelPills(t.labels)),
        h("td", { title: t.lastScrape }, relativeTime(t.lastScrape, now),
            h("div", { class: "muted" }, `${humanizeDuration(Math.round((t.lastScrapeDuration || 0) * 1000 * 1000) / 1000)}`
                + (t.scrapeInterval ? ` / every ${t.scrapeInterval}` : ""))),
        h("td", null, healthBadge(t.health)))];
    if (t.lastError) {
        rows.push(h("tr", { class: "error-row" }, h("td", { class: "error-text", colspan: "4" }, `Error: ${t.lastError}`)));
    }
    return rows;
}

function poolCard(pool, targets, now, collapsed) {
    const up = targets.filter((t) => t.health === "up").length;
    const cls = up === targets.length ? "ok" : up === 0 ? "bad" : "warn";
    return collapsibleCard([
        h("span", { class: "card-title" }, pool),
        h("span", { class: `badge count ${cls}` }, `${up} / ${targets.length} up`),
    ], h("div", { class: "card-body flush" }, h("table", { class: "data" },
        h("thead", null, h("tr", null, ["Endpoint", "Labels", "Last scrape", "State"].map((t) => h("th", null, t)))),
        h("tbody", null, targets.map((t) => targetRow(t, now))))), collapsed);
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by endpoint or labels", "aria-label": "Filter targets" });
    const health = h("select", { "aria-label": "Health filter" },
        h("option", { value: "" }, "All health states"), HEALTHS.map((s) => h("option", { value: s }, s)));
    const collapseAll = h("button", { type: "button" }, "Collapse all");
    const body = h("div", null, loadingBox("targets"));
    container.append(pageHeader("Target health", search, health, collapseAll), body);

    let active;
    try {
        ({ data: { activeTargets: active } } = await apiGet("targets", { state: "active" }));
        active = active || [];
    } catch (err) {
        setChildren(body, errorBox("Error loading targets", err));
        return;
    }
    const now = Date.now();
    const pools = new Map();
    for (const t of active) {
        const list = pools.get(t.scrapePool) || [];
        list.push(t);
        pools.set(t.scrapePool, list);
    }
    const names = [...pools.keys()].sort();
    const collapsed = new Set();
    const draw = () => {
        const q = search.value.trim().toLowerCase();
        const want = health.value;
        const cards = [];
        for (const name of names) {
            const targets = pools.get(name).filter((t) => (want === "" || t.health === want)
                && (q === "" || `${t.scrapeUrl} ${JSON.stringify(t.labels)} ${t.lastError}`.toLowerCase().includes(q)));
            if (targets.length === 0) {
                continue;
            }
            const card = poolCard(name, targets, now, collapsed.has(name));
            card.firstChild.addEventListener("click", () => {
                if (card.classList.contains("collapsed")) {
                    collapsed.add(name);
                } else {
                    collapsed.delete(name);
                }
            });
            cards.push(card);
        }
        const total = active.length;
        const up = active.filter((t) => t.health === "up").length;
        setChildren(body, h("p", { class: "toolbar-note" }, `${names.length} scrape pools, ${total} targets, ${up} up`),
            cards.length ? cards : emptyBox(total === 0 ? "No targets are configured." : "No targets match the filter."));
    };
    search.addEventListener("input", draw);
    health.addEventListener("change", draw);
    collapseAll.addEventListener("click", () => {
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
    draw();
}
