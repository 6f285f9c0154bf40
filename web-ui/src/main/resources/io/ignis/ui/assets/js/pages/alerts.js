// Alerts: every alerting rule (from /api/v1/rules?type=alert, with /api/v1/alerts as a fallback source of its alerts)
// with its state, and its active alerts with labels, annotations, value and how long they have been active;
// filterable by state and text.

import { apiGet } from "../api.js";
import { collapsibleCard, emptyBox, errorBox, h, labelPills, loadingBox, pageHeader, setChildren } from "../dom.js";
import { relativeTime } from "../time.js";
import { alertRuleMatches, stateCounts } from "../status/rules-model.js";
import { ruleDefinition } from "./rules.js";

const STATES = ["firing", "pending", "inactive"];

function stateBadge(state) {
    return h("span", { class: `badge ${STATES.includes(state) ? state : "unknown"}` }, state || "unknown");
}

function alertsTable(alerts, now) {
    if (alerts.length === 0) {
        return null;
    }
    return h("table", { class: "data" },
        h("thead", null, h("tr", null, ["Labels", "State", "Active since", "Value"].map((t) => h("th", null, t)))),
        h("tbody", null, alerts.flatMap((a) => {
            const rows = [h("tr", null,
                h("td", null, labelPills(a.labels)),
                h("td", null, stateBadge(a.state)),
                h("td", { title: a.activeAt || "" }, a.activeAt ? relativeTime(a.activeAt, now) : "—"),
                h("td", { class: "mono" }, a.value))];
            const ann = Object.entries(a.annotations || {});
            if (ann.length) {
                rows.push(h("tr", null, h("td", { colspan: "4" }, h("dl", { class: "kv-inline" },
                    ann.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)])))));
            }
            return rows;
        })));
}

function ruleCard(r, now) {
    const alerts = r.alerts || [];
    const counts = STATES.slice(0, 2).map((s) => [s, alerts.filter((a) => a.state === s).length]).filter(([, n]) => n > 0);
    return collapsibleCard([
        h("span", { class: "card-title" }, r.name),
        counts.map(([s, n]) => h("span", { class: `badge count ${s}` }, `${n} ${s}`)),
        stateBadge(r.state),
    ], h("div", { class: "card-body" }, ruleDefinition(r),
        r.lastError ? h("div", { class: "alert alert-error" }, `Last evaluation failed: ${r.lastError}`) : null,
        alertsTable(alerts, now)), r.state === "inactive");
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by name or labels", "aria-label": "Filter alerts" });
    const boxes = STATES.map((s) => h("label", { class: "checkbox" },
        h("input", { type: "checkbox", checked: true, value: s }), s));
    const body = h("div", null, loadingBox("alerts"));
    container.append(pageHeader("Alerts", ...boxes, search), body);
    let groups;
    let active = null;
    try {
        // Rules carry their alerts; /api/v1/alerts is the fallback for a rule listed without them.
        const [rules, alerts] = await Promise.all([
            apiGet("rules", { type: "alert" }),
            apiGet("alerts").then((r) => r.data.alerts || [], () => null),
        ]);
        groups = rules.data.groups || [];
        active = alerts;
    } catch (err) {
        setChildren(body, errorBox("Error loading alerting rules", err));
        return;
    }
    for (const g of groups) {
        for (const r of g.rules || []) {
            if (r.alerts === undefined && active !== null) {
                r.alerts = active.filter((a) => a.labels && a.labels.alertname === r.name);
            }
        }
    }
    const now = Date.now();
    const rules = groups.flatMap((g) => (g.rules || []).filter((r) => r.type === "alerting").map((r) => ({ g, r })));
    const draw = () => {
        const want = new Set(boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value));
        const counts = stateCounts(rules.map((e) => e.r));
        const summary = STATES.map((s) => `${counts[s]} ${s}`).join(", ");
        const sections = [];
        for (const g of groups) {
            const cards = rules.filter((e) => e.g === g && alertRuleMatches(e.r, search.value, want))
                .map((e) => ruleCard(e.r, now));
            if (cards.length) {
                sections.push(h("h2", { class: "group-title" }, g.name, h("span", { class: "muted" }, `  ${g.file || ""}`)), cards);
            }
        }
        setChildren(body, h("p", { class: "toolbar-note" }, `${rules.length} alerting rules: ${summary}`),
            sections.length ? sections : emptyBox(rules.length === 0 ? "No alerting rules are configured." : "No alerts match."));
    };
    search.addEventListener("input", draw);
    for (const b of boxes) {
        b.addEventListener("change", draw);
    }
    draw();
}
