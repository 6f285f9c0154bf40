// Command-line flags: /api/v1/status/flags as a filterable table.

import { apiGet } from "../api.js";
import { h, pageHeader, renderAsync } from "../dom.js";

export async function render(container) {
    const filter = h("input", { type: "search", placeholder: "Filter by flag or value", "aria-label": "Filter flags" });
    container.append(pageHeader("Command-line flags", filter));
    await renderAsync(container, "flags", async () => {
        const { data } = await apiGet("status/flags");
        const rows = Object.keys(data).sort().map((name) => {
            const tr = h("tr", null, h("td", { class: "mono" }, `--${name}`), h("td", { class: "mono wrap" }, data[name]));
            tr.dataset.search = `${name} ${data[name]}`.toLowerCase();
            return tr;
        });
        const count = h("span", { class: "toolbar-note" });
        const apply = () => {
            const q = filter.value.trim().toLowerCase();
            let shown = 0;
            for (const tr of rows) {
                const visible = q === "" || tr.dataset.search.includes(q);
                tr.hidden = !visible;
                shown += visible ? 1 : 0;
            }
            count.textContent = `${shown} of ${rows.length} flags`;
        };
        filter.addEventListener("input", apply);
        apply();
        return [count, h("div", { class: "card" }, h("div", { class: "card-body flush" },
            h("table", { class: "data" }, h("thead", null, h("tr", null, h("th", null, "Flag"), h("th", null, "Value"))),
                h("tbody", null, rows))))];
    });
}
