// The metrics explorer: a dialog listing every metric name with its type and help, filterable; picking a
// name puts it into the editor.

import { errorBox, h, loadingBox, setChildren } from "../dom.js";
import { metricItems } from "./completer.js";
import { rankSuggestions } from "./suggest.js";

const MAX_SHOWN = 500;

/** onPick(name) receives the chosen metric name. Returns the button that opens the dialog, with the dialog. */
export function createMetricsExplorer(onPick) {
    const filter = h("input", { type: "search", placeholder: "Filter metric names", "aria-label": "Filter metric names" });
    const list = h("div", { class: "explorer-list" });
    const closeBtn = h("button", { type: "button", class: "subtle icon", "aria-label": "Close" }, "✕");
    const dialog = h("dialog", { class: "explorer" },
        h("div", { class: "explorer-head" }, h("h2", null, "Metrics explorer"), filter, closeBtn), list);
    let items = null;

    const draw = () => {
        const matches = rankSuggestions(items, filter.value.trim(), MAX_SHOWN + 1);
        const rows = matches.slice(0, MAX_SHOWN).map((it) => h("button", {
            type: "button", class: "explorer-item",
            onclick: () => {
                dialog.close();
                onPick(it.insert ?? it.label);
            },
        }, h("span", { class: "mono" }, it.label), it.detail ? h("span", { class: "badge count" }, it.detail) : null,
        it.doc ? h("span", { class: "muted explorer-help" }, it.doc) : null));
        setChildren(list, rows.length ? rows : h("div", { class: "empty" }, "No metric matches."),
            matches.length > MAX_SHOWN ? h("div", { class: "toolbar-note" }, `Showing ${MAX_SHOWN} of more; refine the filter.`) : null);
    };
    filter.addEventListener("input", () => items && draw());
    closeBtn.addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (e) => {
        if (e.target === dialog) {
            dialog.close();
        }
    });

    const open = async () => {
        dialog.showModal();
        filter.focus();
        if (items !== null) {
            draw();
            return;
        }
        setChildren(list, loadingBox("metric names"));
        try {
            items = await metricItems();
            draw();
        } catch (err) {
            setChildren(list, errorBox("Error loading metric names", err));
        }
    };
    // The dialog lives beside its button, so removing the panel removes both.
    return h("span", { class: "explorer-anchor" },
        h("button", { type: "button", title: "Browse metric names", onclick: open }, "Metrics"), dialog);
}
