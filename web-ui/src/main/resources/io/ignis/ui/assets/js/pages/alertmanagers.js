// Alertmanager discovery: the active and dropped Alertmanagers of /api/v1/alertmanagers.

import { apiGet } from "../api.js";
import { dataTable, emptyBox, externalLink, h, pageHeader, renderAsync } from "../dom.js";

function card(title, count, list) {
    return h("section", { class: "card" },
        h("div", { class: "card-header" }, h("h2", { class: "card-title" }, title), h("span", { class: "badge count" }, String(count))),
        h("div", { class: "card-body flush" }, list.length
            ? dataTable(["Endpoint"], list.map((a) => [externalLink(a.url)]))
            : emptyBox("None.")));
}

export async function render(container) {
    container.append(pageHeader("Alertmanager discovery"));
    await renderAsync(container, "Alertmanagers", async () => {
        const { data } = await apiGet("alertmanagers");
        const active = data.activeAlertmanagers || [];
        const dropped = data.droppedAlertmanagers || [];
        return [card("Active Alertmanagers", active.length, active), card("Dropped Alertmanagers", dropped.length, dropped)];
    });
}
