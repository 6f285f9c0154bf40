// Rule health: /api/v1/rules by group, each rule with its expression, health, last error and evaluation.

import { apiGet } from "../api.js";
import { collapsibleCard, emptyBox, errorBox, h, labelPills, loadingBox, pageHeader, setChildren } from "../dom.js";
import { ruleMatches } from "../status/rules-model.js";
import { humanizeDuration, relativeTime } from "../time.js";

function seconds(s) {
    return humanizeDuration(Math.round((s || 0) * 1e6) / 1e3);
}

export function ruleDefinition(r) {
    const kind = r.type === "alerting" ? "alert" : "record";
    return h("div", null,
        h("div", null, h("span", { class: "muted" }, `${kind}: `), h("strong", null, r.name)),
        h("div", { class: "rule-expr" }, h("span", { class: "muted" }, "expr: "), r.query),
        r.duration ? h("div", null, h("span", { class: "muted" }, "for: "), humanizeDuration(r.duration * 1000)) : null,
        r.keepFiringFor ? h("div", null, h("span", { class: "muted" }, "keep_firing_for: "),
            humanizeDuration(r.keepFiringFor * 1000)) : null,
        r.labels && Object.keys(r.labels).length ? h("div", null, h("span", { class: "muted" }, "labels: "), labelPills(r.labels)) : null,
        r.annotations && Object.keys(r.annotations).length
            ? h("dl", { class: "kv-inline" }, Object.entries(r.annotations).flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]))
            : null);
}

function healthBadge(health) {
    const cls = health === "ok" ? "ok" : health === "err" ? "err" : "unknown";
    return h("span", { class: `badge ${cls}` }, health || "unknown");
}

function groupCard(g, now) {
    const bad = g.rules.filter((r) => r.health === "err").length;
    return collapsibleCard([
        h("span", { class: "card-title" }, g.name, h("span", { class: "muted" }, `  ${g.file || ""}`)),
        g.interval ? h("span", { class: "muted" }, `every ${humanizeDuration(g.interval * 1000)}`) : null,
        g.lastEvaluation ? h("span", { class: "muted", title: g.lastEvaluation },
            `last run ${relativeTime(g.lastEvaluation, now)}, took ${seconds(g.evaluationTime)}`) : null,
        h("span", { class: `badge count ${bad ? "bad" : "ok"}` }, bad ? `${bad} failing` : `${g.rules.length} rules`),
    ], h("div", { class: "card-body flush" }, h("table", { class: "data" },
        h("thead", null, h("tr", null, ["Rule", "Health", "Last evaluation", "Evaluation time"].map((t) => h("th", null, t)))),
        h("tbody", null, g.rules.map((r) => h("tr", null,
            h("td", null, ruleDefinition(r), r.lastError ? h("div", { class: "error-text" }, `Error: ${r.lastError}`) : null),
            h("td", null, healthBadge(r.health)),
            h("td", { title: r.lastEvaluation || "" }, relativeTime(r.lastEvaluation, now)),
            h("td", null, seconds(r.evaluationTime))))))));
}

export async function render(container) {
    const search = h("input", { type: "search", placeholder: "Filter by name or expression", "aria-label": "Filter rules" });
    const onlyBad = h("label", { class: "checkbox" }, h("input", { type: "checkbox" }), "Only failing");
    const body = h("div", null, loadingBox("rules"));
    container.append(pageHeader("Rule health", search, onlyBad), body);
    let groups;
    try {
        ({ data: { groups } } = await apiGet("rules"));
        groups = groups || [];
    } catch (err) {
        setChildren(body, errorBox("Error loading rules", err));
        return;
    }
    const now = Date.now();
    const draw = () => {
        const bad = onlyBad.querySelector("input").checked;
        const cards = groups.map((g) => ({
            ...g,
            rules: (g.rules || []).filter((r) => ruleMatches(g, r, search.value, bad)),
        })).filter((g) => g.rules.length > 0).map((g) => groupCard(g, now));
        setChildren(body, cards.length ? cards : emptyBox(groups.length === 0 ? "No rule groups are configured." : "No rules match."));
    };
    search.addEventListener("input", draw);
    onlyBad.addEventListener("change", draw);
    draw();
}
